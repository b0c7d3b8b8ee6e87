import { createHmac, randomBytes } from 'node:crypto';

// Exactly what stripe.webhooks.constructEvent verifies: v1 = HMAC-SHA256 keyed with the whole
// `whsec_...` string over `${t}.${payload}`, sent as `t=<unix seconds>,v1=<hex>`.
export function signatureHeader(payload: string, secret: string, timestamp: number): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}
