// `npm run emulator`: the emulator on its own, configured from the environment.
import { startEmulator } from './index';

const port = Number(process.env.STRIPE_EMULATOR_PORT ?? 12111);
const emulator = await startEmulator({
  port,
  webhookUrl: process.env.STRIPE_EMULATOR_WEBHOOK_URL || undefined,
  webhookSecret: process.env.STRIPE_WEBHOOK_SECRET || undefined,
  stateFile: process.env.STRIPE_EMULATOR_STATE_FILE || undefined,
  log: (line) => console.log(`[stripe-emulator] ${line}`),
});

console.log(`Stripe emulator running at ${emulator.url}
  webhook secret: ${emulator.webhookSecret}${process.env.STRIPE_EMULATOR_WEBHOOK_URL ? `\n  webhooks to:    ${process.env.STRIPE_EMULATOR_WEBHOOK_URL}` : ''}
  control API:    ${emulator.url}/_emulator/

  const stripe = new Stripe('sk_test_emulator', { host: '127.0.0.1', port: ${emulator.port}, protocol: 'http' });`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void emulator.stop().then(() => process.exit(0));
  });
}
