import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '@/emulator';
import { clientFor, payOnHostedPage, sessionParams } from './emulator-harness';

const dir = mkdtempSync(join(tmpdir(), 'stripe-emulator-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the state file', () => {
  it('keeps a session payable across a restart', async () => {
    const stateFile = join(dir, 'state.json');
    const first = await startEmulator({ port: 0, stateFile });
    const created = await clientFor(first).checkout.sessions.create(sessionParams());
    await first.stop();

    const second = await startEmulator({ port: 0, stateFile });
    try {
      const stripe = clientFor(second);
      const reloaded = await stripe.checkout.sessions.retrieve(created.id);
      expect(reloaded.status).toBe('open');
      expect(reloaded.url).toBe(`${second.url}/c/pay/${created.id}`);
      const attempt = await payOnHostedPage(reloaded, '4242424242424242');
      expect(attempt.status).toBe(303);
      expect((await stripe.checkout.sessions.retrieve(created.id)).payment_status).toBe('paid');
    } finally {
      await second.stop();
    }
  });
});
