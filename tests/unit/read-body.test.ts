import { describe, expect, it } from 'vitest';
import { readBodyWithin } from '@/lib/webhooks/read-body';

function streamed(chunks: number, size: number, onPull?: () => void): Request {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      onPull?.();
      if (sent++ >= chunks) controller.close();
      else controller.enqueue(new Uint8Array(size).fill(97));
    },
  });
  return new Request('http://x/', { method: 'POST', body, duplex: 'half' } as RequestInit);
}

describe('reading a webhook body within a limit', () => {
  it('reads a body up to the limit, exactly as sent', async () => {
    const request = new Request('http://x/', { method: 'POST', body: 'é'.repeat(5) });
    expect(await readBodyWithin(request, 10)).toEqual({ kind: 'read', text: 'ééééé' });
  });

  it('refuses a declared Content-Length over the limit without reading the body', async () => {
    let pulls = 0;
    const request = streamed(1, 1, () => pulls++);
    request.headers.set('content-length', '5000000');
    expect(await readBodyWithin(request, 1000)).toEqual({ kind: 'too_large' });
    expect(pulls).toBeLessThanOrEqual(1);
  });

  it('stops reading a streamed body as soon as it passes the limit', async () => {
    let pulls = 0;
    const endless = streamed(Number.POSITIVE_INFINITY, 1024, () => pulls++);
    expect(await readBodyWithin(endless, 10 * 1024)).toEqual({ kind: 'too_large' });
    expect(pulls).toBeLessThan(20);
  });

  it('reads an empty body as empty text', async () => {
    expect(await readBodyWithin(new Request('http://x/', { method: 'POST' }), 10)).toEqual({
      kind: 'read',
      text: '',
    });
  });
});
