// Stripe's idempotency: the first response for a key (a 500 included) is stored and replayed with
// `Idempotent-Replayed: true`; the same key with other parameters is a 400 idempotency_error; the
// same key while the first request still runs is a 409, which the SDK retries.
import { StripeApiError } from './errors';

export interface StoredResponse {
  status: number;
  body: string;
}

interface Entry {
  fingerprint: string;
  response: StoredResponse | null;
  storedAt: number;
}

// Stripe keeps keys for at least 24 hours.
const RETENTION_MS = 24 * 60 * 60 * 1000;
const MAX_KEY_LENGTH = 255;

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  /** Returns a stored response to replay, or null when the caller should run the request. */
  begin(apiKey: string, key: string, fingerprint: string): StoredResponse | null {
    if (key.length > MAX_KEY_LENGTH) {
      throw new StripeApiError(400, {
        type: 'invalid_request_error',
        message: `Idempotency-Key must be at most ${MAX_KEY_LENGTH} characters long.`,
      });
    }
    const scoped = `${apiKey}\u0000${key}`;
    const entry = this.entries.get(scoped);
    if (entry && Date.now() - entry.storedAt > RETENTION_MS) this.entries.delete(scoped);
    else if (entry) {
      if (entry.fingerprint !== fingerprint) {
        throw new StripeApiError(400, {
          type: 'idempotency_error',
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        });
      }
      if (!entry.response) {
        // UNCONFIRMED wording; the 409 status and idempotency_error type are what Stripe sends.
        throw new StripeApiError(409, {
          type: 'idempotency_error',
          message: `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
        });
      }
      return entry.response;
    }
    this.entries.set(scoped, { fingerprint, response: null, storedAt: Date.now() });
    return null;
  }

  finish(apiKey: string, key: string, response: StoredResponse): void {
    const entry = this.entries.get(`${apiKey}\u0000${key}`);
    if (entry) entry.response = response;
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Same method, path and parameters, whatever order the encoder put them in. */
export function fingerprintOf(method: string, path: string, body: string): string {
  return `${method} ${path} ${body.split('&').sort().join('&')}`;
}
