import { expect, test } from './fixtures';

// Through the production server: the webhook's body limit holds over real HTTP.
test.describe('webhook endpoint', () => {
  test('answers 413 to a body over 1 MiB, and 400 to an unsigned one', async ({ request }) => {
    const big = await request.post('/api/webhooks/stripe', {
      headers: { 'Content-Type': 'application/json', 'Stripe-Signature': 't=1,v1=00' },
      data: 'x'.repeat(1024 * 1024 + 1),
    });
    expect(big.status()).toBe(413);
    expect(await big.json()).toEqual({ outcome: 'payload_too_large' });

    const unsigned = await request.post('/api/webhooks/stripe', {
      headers: { 'Content-Type': 'application/json' },
      data: '{"id":"evt_1"}',
    });
    expect(unsigned.status()).toBe(400);
  });
});
