import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/db/client';
import { auditLog, users } from '@/db/schema';

// Every admin entry point is found on disk, so a page, route handler or server action added later
// without requireAdmin() fails this test. Pages and route handlers live under app/admin and
// app/api/admin; admin server actions live beside their domain in lib/<domain>/admin-actions.ts.
// Only the sign-in page and its two actions are public.
const PUBLIC = new Set([
  'app/admin/sign-in/page.tsx',
  'lib/auth/admin-actions.ts#signInWithPassword',
  'lib/auth/admin-actions.ts#signInWithGitHub',
]);
const ROOTS = ['app/admin', 'app/api/admin'];
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

type Session = { user: { id: string; email: string; role: 'admin' | 'customer' } } | null;
const state = vi.hoisted(() => ({ session: null as Session, signIns: 0 }));

vi.mock('server-only', () => ({}));
// The real requireAdmin() runs; only the session it reads is chosen by the test.
vi.mock('next-auth', async (importOriginal) => {
  const original = await importOriginal<typeof import('next-auth')>();
  return {
    ...original,
    default: () => ({
      auth: async () => state.session,
      handlers: { GET: async () => new Response(null), POST: async () => new Response(null) },
      signIn: async () => void state.signIns++,
      signOut: async () => void state.signIns++,
    }),
  };
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name))
    .map((entry) => path.relative(process.cwd(), path.join(entry.parentPath, entry.name)));
}

const files = [
  ...ROOTS.flatMap(filesUnder),
  ...filesUnder('lib').filter((file) => file.endsWith('/admin-actions.ts')),
];
const isServerActionModule = (file: string) =>
  /^\s*(['"])use server\1/.test(readFileSync(file, 'utf8').replace(/^(\s*\/\/[^\n]*\n)+/, ''));
const pages = files.filter((file) => /\/(page|layout)\.tsx$/.test(file));
const routes = files.filter((file) => /\/route\.ts$/.test(file));
const actionModules = files.filter(isServerActionModule);

const anyParam = new Proxy({}, { get: (_target, key) => (key === 'then' ? undefined : '1001') });

interface EntryPoint {
  name: string;
  call: () => Promise<unknown>;
}

async function entryPoints(): Promise<EntryPoint[]> {
  const found: EntryPoint[] = [];
  for (const file of pages) {
    const { default: Component } = (await import(/* @vite-ignore */ path.resolve(file))) as {
      default: (props: Record<string, unknown>) => Promise<unknown>;
    };
    found.push({
      name: file,
      call: () =>
        Component({
          params: Promise.resolve(anyParam),
          searchParams: Promise.resolve({}),
          children: null,
        }),
    });
  }
  for (const file of routes) {
    const exported = (await import(/* @vite-ignore */ path.resolve(file))) as Record<
      string,
      (request: NextRequest) => Promise<Response>
    >;
    for (const method of HTTP_METHODS.filter((name) => typeof exported[name] === 'function')) {
      found.push({
        name: `${file}#${method}`,
        call: () => exported[method]!(new NextRequest(`http://127.0.0.1/${file}`, { method })),
      });
    }
  }
  for (const file of actionModules) {
    const exported = (await import(/* @vite-ignore */ path.resolve(file))) as Record<
      string,
      unknown
    >;
    for (const [name, action] of Object.entries(exported)) {
      if (typeof action !== 'function') continue;
      const form = new FormData();
      form.set('id', randomUUID());
      form.set('orderId', randomUUID());
      form.set('name', 'Hijacked');
      found.push({
        name: `${file}#${name}`,
        call: () =>
          (action as (...args: unknown[]) => Promise<unknown>)(
            { status: 'idle', message: '' },
            form,
          ),
      });
    }
  }
  return found;
}

/** Refused = redirected to the sign-in page (thrown as Next's redirect, or answered as one). */
async function outcomeOf(entry: EntryPoint): Promise<'refused' | string> {
  try {
    const result = await entry.call();
    if (result instanceof Response) {
      const location = result.headers.get('location') ?? '';
      return result.status >= 300 && result.status < 400 && location.includes('/admin/sign-in')
        ? 'refused'
        : `answered ${result.status}`;
    }
    return 'returned normally';
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? '';
    if (digest.startsWith('NEXT_REDIRECT') && digest.includes('/admin/sign-in')) return 'refused';
    return `threw ${String(error)}`;
  }
}

const suffix = randomBytes(4).toString('hex');
let customerId: string;
let adminId: string;
let all: EntryPoint[];

beforeAll(async () => {
  const [customer, admin] = await db()
    .insert(users)
    .values([
      { email: `customer-${suffix}@example.com`, role: 'customer' },
      { email: `admin-${suffix}@example.com`, role: 'admin' },
    ])
    .returning({ id: users.id });
  customerId = customer!.id;
  adminId = admin!.id;
  all = await entryPoints();
});

afterAll(async () => {
  await db().$client.end();
});

describe('admin entry points', () => {
  it('are found on disk: pages, layouts, route handlers and server actions', () => {
    const names = all.map((entry) => entry.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'app/admin/(signed-in)/layout.tsx',
        'app/admin/(signed-in)/orders/page.tsx',
        'app/api/admin/orders/export/route.ts#GET',
        'app/admin/(signed-in)/money/activity/page.tsx',
        'app/api/admin/money/activity/export/route.ts#GET',
        'lib/catalogue/admin-actions.ts#updateProductAction',
        'lib/orders/admin-actions.ts#resendConfirmationAction',
      ]),
    );
    expect(all.length).toBeGreaterThan(15);
  });

  it('declare server actions only in "use server" modules, where this test can find them', () => {
    const inline = files.filter(
      (file) =>
        !isServerActionModule(file) && /['"]use server['"]/.test(readFileSync(file, 'utf8')),
    );
    expect(inline).toEqual([]);
  });

  const cases: Array<[string, () => Session]> = [
    ['signed out', () => null],
    [
      'signed in as a customer',
      () => ({ user: { id: customerId, email: 'c@example.com', role: 'customer' } }),
    ],
    // A token claiming admin is not enough: requireAdmin() reads the role from the database.
    [
      'with a forged admin claim for a customer',
      () => ({ user: { id: customerId, email: 'c@example.com', role: 'admin' } }),
    ],
    [
      'for a user who no longer exists',
      () => ({ user: { id: randomUUID(), email: 'gone@example.com', role: 'admin' } }),
    ],
  ];

  for (const [who, session] of cases) {
    it(`refuses every non-public one ${who}, changing nothing`, async () => {
      state.session = session();
      const auditBefore = await db().$count(auditLog);
      const guarded = all.filter((entry) => !PUBLIC.has(entry.name));
      const outcomes = Object.fromEntries(
        await Promise.all(guarded.map(async (entry) => [entry.name, await outcomeOf(entry)])),
      );
      expect(outcomes).toEqual(Object.fromEntries(guarded.map((entry) => [entry.name, 'refused'])));
      expect(await db().$count(auditLog)).toBe(auditBefore);
      expect(state.signIns).toBe(0);
    });
  }

  it('lets an admin through the same guard (so the refusals above are the guard’s doing)', async () => {
    state.session = { user: { id: adminId, email: `admin-${suffix}@example.com`, role: 'admin' } };
    const page = all.find((entry) => entry.name === 'app/admin/(signed-in)/audit/page.tsx')!;
    expect(await outcomeOf(page)).toBe('returned normally');
  });
});
