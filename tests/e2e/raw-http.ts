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

/**
 * Submits a page's form the way a browser without JavaScript would (React renders a server
 * action's form with hidden fields naming the action), but from the attacker's own client, with
 * any headers. `fields` fill the visible inputs; the form is the one holding the first of them.
 */
export async function submitPageForm(
  pageUrl: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  const html = await (await fetch(pageUrl)).text();
  const forms = html.match(/<form\b[\s\S]*?<\/form>/g) ?? [];
  const first = Object.keys(fields)[0];
  const form = forms.find((candidate) => candidate.includes(`name="${first}"`));
  if (!form) throw new Error(`no form with a ${first} field on ${pageUrl}`);
  const body = new FormData();
  for (const input of form.match(/<input\b[^>]*type="hidden"[^>]*>/g) ?? []) {
    const name = input.match(/name="([^"]*)"/)?.[1];
    if (name)
      body.append(decodeEntities(name), decodeEntities(input.match(/value="([^"]*)"/)?.[1] ?? ''));
  }
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  return fetch(pageUrl, { method: 'POST', body, headers, redirect: 'manual' });
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
