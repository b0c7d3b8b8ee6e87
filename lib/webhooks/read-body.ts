/**
 * Stripe's event payloads are a few kilobytes, rarely more than a hundred; a megabyte is far past
 * anything Stripe sends and small enough that no request can make the server hold much.
 */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

export type BodyRead =
  | { kind: 'read'; text: string }
  | { kind: 'too_large' }
  /** The client went away mid-body, or sent bytes the runtime could not read. */
  | { kind: 'unreadable' };

/**
 * Reads a request body, giving up as soon as it passes `limit` bytes: a declared Content-Length
 * over the limit is refused unread, and a body streamed without one is cut off at the limit, so
 * an endless upload costs at most `limit` bytes of memory.
 */
export async function readBodyWithin(
  request: Request,
  limit: number = MAX_WEBHOOK_BODY_BYTES,
): Promise<BodyRead> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > limit) {
    await request.body?.cancel().catch(() => {});
    return { kind: 'too_large' };
  }
  if (!request.body) return { kind: 'read', text: '' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > limit) {
        await reader.cancel().catch(() => {});
        return { kind: 'too_large' };
      }
      chunks.push(value);
    }
  } catch {
    return { kind: 'unreadable' };
  }
  return { kind: 'read', text: Buffer.concat(chunks, received).toString('utf8') };
}
