// Starts the Stripe emulator: one node:http server for the API (/v1), the hosted Checkout page
// (/c/pay), hosted invoice pages and PDFs (/i), and the control API (/_emulator).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  defaultBalanceSettings,
  newBalanceAccount,
  type BalanceSettings,
} from './balance/settings';
import { Clock } from './clock';
import { EmulatorContext } from './context';
import { handleControl } from './control/api';
import { handleCheckoutPage } from './hosted/checkout-page';
import { handleInvoicePage } from './hosted/invoice-page';
import { handleApi, noApiFaults, type ApiDeps } from './http/api';
import { IdempotencyStore } from './http/idempotency';
import { balanceRoutes } from './resources/balance-transactions';
import { chargeRoutes } from './resources/charges';
import { checkoutSessionRoutes } from './resources/checkout-sessions';
import { disputeEvidenceRoutes } from './resources/dispute-evidence';
import { disputeRoutes } from './resources/disputes';
import { earlyFraudWarningRoutes } from './resources/early-fraud-warnings';
import { eventRoutes } from './resources/events';
import { paymentIntentCreationRoutes } from './resources/payment-intent-creation';
import { paymentIntentRoutes } from './resources/payment-intents';
import { refundRoutes } from './resources/refunds';
import { customerRoutes } from './resources/customers';
import { invoiceRoutes } from './resources/invoices';
import { paymentMethodRoutes } from './resources/payment-methods';
import { setupIntentRoutes } from './resources/setup-intents';
import { subscriptionRoutes } from './resources/subscriptions';
import { resumeAdvancingClocks, testClockRoutes } from './resources/test-clocks';
import { payoutRoutes } from './resources/payouts';
import { productRoutes } from './resources/products';
import { priceRoutes } from './resources/prices';
import { paymentMethodCreationRoutes } from './resources/payment-method-creation';
import { paymentPageRoutes } from './resources/payment-pages';
import { subscriptionCreationRoutes } from './resources/subscription-creation';
import { invoiceItemRoutes } from './resources/invoice-items';
import { invoiceCreationRoutes } from './resources/invoice-creation';
import { setupIntentConfirmationRoutes } from './resources/setup-intent-confirmation';
import { shippingRateRoutes } from './resources/shipping-rates';
import { couponRoutes } from './resources/coupons';
import { promotionCodeRoutes } from './resources/promotion-codes';
import { emptyState, loadState, saveState } from './state';
import { applyTimePassing } from './time-passing';
import { WebhookDispatcher } from './webhooks/delivery';
import { newEndpoint } from './webhooks/endpoints';
import { newWebhookSecret } from './webhooks/signing';

export interface EmulatorOptions {
  port?: number;
  host?: string;
  webhookUrl?: string;
  webhookSecret?: string;
  stateFile?: string;
  retryScheduleMs?: number[];
  log?: (line: string) => void;
  /** Card fee, days until funds are available, payout schedule and bank account (README, "Balance"). */
  balance?: Partial<BalanceSettings>;
}

export interface RunningEmulator {
  url: string;
  port: number;
  webhookSecret: string;
  stop(): Promise<void>;
}

// Test mode retries "a few times over a few hours" (STRIPE-REFERENCE.md); tests compress this.
const DEFAULT_RETRY_SCHEDULE_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 60 * 60_000];
const DELIVERY_TIMEOUT_MS = 10_000;
const TICK_MS = 1_000;
const SAVE_DELAY_MS = 100;
const MAX_BODY_BYTES = 1_000_000;

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => undefined);
  const webhookSecret = options.webhookSecret ?? newWebhookSecret();
  const state = options.stateFile ? loadState(options.stateFile) : emptyState();

  let saveTimer: NodeJS.Timeout | undefined;
  const saveNow = (): void => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = undefined;
    if (options.stateFile) saveState(state, options.stateFile);
  };
  const scheduleSave = (): void => {
    if (!options.stateFile || saveTimer) return;
    saveTimer = setTimeout(saveNow, SAVE_DELAY_MS);
  };

  const dispatcher = new WebhookDispatcher({
    retryScheduleMs: options.retryScheduleMs ?? DEFAULT_RETRY_SCHEDULE_MS,
    timeoutMs: DELIVERY_TIMEOUT_MS,
    log,
    onDelivered: (eventId) => {
      const event = state.events.get(eventId);
      if (event && event.pending_webhooks > 0) event.pending_webhooks -= 1;
    },
  });
  dispatcher.events = (eventId) => state.events.get(eventId);
  if (options.webhookUrl) {
    const endpoint = newEndpoint(options.webhookUrl, webhookSecret);
    dispatcher.endpoints.set(endpoint.id, endpoint);
  }

  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 12111, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const ctx = new EmulatorContext(state, new Clock(), dispatcher, url, log, scheduleSave);
  const balanceDefaults = defaultBalanceSettings();
  ctx.balance = newBalanceAccount({
    ...balanceDefaults,
    ...options.balance,
    feeFixed: { ...balanceDefaults.feeFixed, ...options.balance?.feeFixed },
  });
  // A reloaded session stays payable even when this run listens on another port.
  for (const { session } of state.sessions.values()) {
    if (session.status === 'open') session.url = `${url}/c/pay/${session.id}`;
  }
  // So do a reloaded invoice's hosted page and PDF.
  for (const invoice of state.invoices.values()) {
    if (invoice.hosted_invoice_url) invoice.hosted_invoice_url = `${url}/i/${invoice.id}`;
    if (invoice.invoice_pdf) invoice.invoice_pdf = `${url}/i/${invoice.id}/pdf`;
  }
  const idempotency = new IdempotencyStore();
  const apiFaults = noApiFaults();
  const api: ApiDeps = {
    routes: [
      ...checkoutSessionRoutes(ctx),
      ...paymentIntentCreationRoutes(ctx),
      ...paymentIntentRoutes(ctx),
      ...chargeRoutes(ctx),
      ...refundRoutes(ctx),
      ...disputeRoutes(ctx),
      ...disputeEvidenceRoutes(ctx),
      ...earlyFraudWarningRoutes(ctx),
      ...eventRoutes(ctx),
      ...customerRoutes(ctx),
      ...paymentMethodRoutes(ctx),
      ...setupIntentRoutes(ctx),
      ...subscriptionRoutes(ctx),
      ...invoiceRoutes(ctx),
      ...testClockRoutes(ctx),
      ...productRoutes(ctx),
      ...priceRoutes(ctx),
      ...paymentMethodCreationRoutes(ctx),
      ...paymentPageRoutes(ctx),
      ...subscriptionCreationRoutes(ctx),
      ...invoiceItemRoutes(ctx),
      ...invoiceCreationRoutes(ctx),
      ...setupIntentConfirmationRoutes(ctx),
      ...balanceRoutes(ctx),
      ...payoutRoutes(ctx),
      ...shippingRateRoutes(ctx),
      ...couponRoutes(ctx),
      ...promotionCodeRoutes(ctx),
    ],
    idempotency,
    faults: apiFaults,
    log,
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void serve(req, res).catch((error: unknown) => {
      log(`emulator crashed on ${req.method} ${req.url}: ${String(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({ error: { type: 'api_error', message: 'An unknown error occurred.' } }),
      );
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const requestUrl = new URL(req.url ?? '/', url);
    const path = requestUrl.pathname;
    if (path.startsWith('/v1/')) return handleApi(api, req, res, requestUrl, body);
    if (path.startsWith('/_emulator/'))
      return handleControl({ ctx, apiFaults, idempotency }, req, res, path, body);
    if (path.startsWith('/c/pay/'))
      return handleCheckoutPage(ctx, req.method ?? 'GET', path, body, res);
    if (path.startsWith('/i/')) return handleInvoicePage(ctx, path, res);
    res.writeHead(path === '/' ? 200 : 404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ emulator: 'stripe', api: `${url}/v1`, control: `${url}/_emulator` }));
  }

  const ticker = setInterval(() => applyTimePassing(ctx), TICK_MS);
  ticker.unref();
  applyTimePassing(ctx);
  resumeAdvancingClocks(ctx);
  log(`stripe emulator listening on ${url}`);

  return {
    url,
    port,
    webhookSecret,
    async stop() {
      clearInterval(ticker);
      ctx.flushDeferred();
      dispatcher.stop();
      saveNow();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
