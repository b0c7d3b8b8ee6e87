import { request as httpRequest } from 'node:http';

/**
 * An HTTP request as an attacker's own client makes it: any headers, no browser rules, and from a
 * chosen loopback source address (127.0.0.2, 127.0.0.3, ...), so tests can be several clients at
 * once against a server that trusts only the connection's address.
 */
export interface RawResponse {
  status: number;
  location: string | null;
  cookies: string[];
  body: string;
}

export function rawRequest(
  url: string,
  options: {
    method?: 'GET' | 'POST';
    form?: Record<string, string>;
    headers?: Record<string, string>;
    from?: string;
  } = {},
): Promise<RawResponse> {
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? (body ? 'POST' : 'GET'),
        localAddress: options.from,
        headers: {
          ...(body && { 'content-type': 'application/x-www-form-urlencoded' }),
          ...options.headers,
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            location: response.headers.location ?? null,
            cookies: (response.headers['set-cookie'] ?? []).map((cookie) => cookie.split(';')[0]!),
            body: text,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Auth.js's CSRF token and the cookie it is checked against, as any client can fetch them. */
export async function authCsrf(
  baseUrl: string,
  from?: string,
): Promise<{ csrfToken: string; cookie: string }> {
  const response = await rawRequest(`${baseUrl}/api/auth/csrf`, { from });
  const { csrfToken } = JSON.parse(response.body) as { csrfToken: string };
  return { csrfToken, cookie: response.cookies.join('; ') };
}

/** One admin password attempt straight at Auth.js's credentials endpoint. */
export async function passwordAttempt(
  baseUrl: string,
  attempt: { email: string; password: string; from?: string; headers?: Record<string, string> },
): Promise<'signed_in' | 'wrong_password' | 'rate_limited'> {
  const { csrfToken, cookie } = await authCsrf(baseUrl, attempt.from);
  const response = await rawRequest(`${baseUrl}/api/auth/callback/credentials`, {
    form: { email: attempt.email, password: attempt.password, csrfToken, callbackUrl: '/admin' },
    headers: { cookie, ...attempt.headers },
    from: attempt.from,
  });
  const location = response.location ?? '';
  if (location.includes('code=rate_limited')) return 'rate_limited';
  if (location.includes('error=')) return 'wrong_password';
  if (response.status === 302 && location.endsWith('/admin')) return 'signed_in';
  throw new Error(`unexpected answer ${response.status} ${location}`);
}
