import { newId } from '../ids';
import { newWebhookSecret } from './signing';

export interface WebhookEndpoint {
  id: string;
  url: string;
  secret: string;
  /** Event types to send; `*` sends all, as Stripe's `enabled_events`. */
  enabledEvents: string[];
}

export function newEndpoint(
  url: string,
  secret?: string,
  enabledEvents: string[] = ['*'],
): WebhookEndpoint {
  return { id: newId('we', 24), url, secret: secret ?? newWebhookSecret(), enabledEvents };
}

export function wantsEvent(endpoint: WebhookEndpoint, type: string): boolean {
  return endpoint.enabledEvents.some((pattern) => pattern === '*' || pattern === type);
}
