import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt from node:crypto: memory-hard, no native dependency. OWASP's Password Storage Cheat Sheet
// recommends N=2^17, r=8, p=1. The parameters are stored with each hash, so older hashes still
// verify and are remade at these on the next successful sign-in (isHashCurrent).
const PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
// N=2^17, r=8 needs 128 MiB (128·N·r bytes); Node's default ceiling is 32 MiB.
const MAX_MEMORY = 256 * 1024 * 1024;
// Each derivation holds 128 MiB and a core for a few hundred ms: a burst of sign-in attempts
// (from as many addresses as an attacker has) waits its turn instead of exhausting memory.
const MAX_CONCURRENT_DERIVATIONS = 2;

export const MIN_PASSWORD_LENGTH = 12;

const COMMON = new Set([
  'password1234',
  'password12345',
  'password123456',
  'passwordpassword',
  'qwertyuiopasdf',
  'administrator',
  'administrator1',
  '123456789012',
  'letmeinletmein',
  'changemechangeme',
  'shopfrontadmin',
  'iloveyou1234',
]);

/** Why a password is too weak to protect an admin account, or null when it is acceptable. */
export function passwordProblem(password: string, email = ''): string | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > 200) return 'Use at most 200 characters.';
  if (new Set(password).size < 6) return 'Use more different characters.';
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'That password is too common.';
  const local = email.split('@')[0]?.toLowerCase() ?? '';
  if (local.length >= 4 && lower.includes(local)) return 'Do not include your email address.';
  return null;
}

let running = 0;
const waiting: Array<() => void> = [];

async function derive(password: string, salt: Buffer, options: ScryptOptions, length: number) {
  if (running >= MAX_CONCURRENT_DERIVATIONS) await new Promise<void>((go) => waiting.push(go));
  running += 1;
  try {
    return await new Promise<Buffer>((resolve, reject) =>
      scrypt(
        password.normalize('NFKC'),
        salt,
        length,
        { ...options, maxmem: MAX_MEMORY },
        (e, key) => (e ? reject(e) : resolve(key)),
      ),
    );
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

/** Whether a stored hash was made with today's parameters (if not, remake it after a sign-in). */
export function isHashCurrent(stored: string): boolean {
  const [scheme, n, r, p] = stored.split('$');
  return (
    scheme === 'scrypt' && Number(n) >= PARAMS.N && Number(r) >= PARAMS.r && Number(p) >= PARAMS.p
  );
}

/** "scrypt$N$r$p$salt$key" (base64url parts). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS, KEY_LENGTH);
  return [
    'scrypt',
    PARAMS.N,
    PARAMS.r,
    PARAMS.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

/** Constant-time check of a password against a stored hash; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  // A stored hash names its own cost: refuse ones no hash of ours has, rather than run them.
  const cost = Number(n);
  const isOurs = Number.isInteger(Math.log2(cost)) && cost >= 2 && cost <= PARAMS.N;
  if (!isOurs || Number(r) !== PARAMS.r || Number(p) !== PARAMS.p) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(
    password,
    Buffer.from(salt, 'base64url'),
    {
      N: Number(n),
      r: Number(r),
      p: Number(p),
    },
    expected.length,
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * A real hash of a random password, checked when the email matches no admin, so a wrong email
 * costs as long as a wrong password and response time does not reveal which emails exist.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(24).toString('base64url'));
  return decoy;
}
