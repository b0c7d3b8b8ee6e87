import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import Stripe from 'stripe';
import { db } from '@/db/client';
import { payouts, syncCursors } from '@/db/schema';
import { env } from '@/lib/env';
import { stripe } from '@/lib/stripe';
import { mirrorBalanceTransactions } from './transactions';

/**
 * The balance mirror. Stripe sends no event for a balance transaction, and a charge's event names
 * its transaction without the fee, so the fee and net of every charge, refund and payout are read
 * from Stripe's list of balance transactions: one call per hundred new transactions, after the
 * events that caused them were applied, never on the webhook's path (the drain stays free of
 * network calls). Disputes need no call: their events carry their transactions whole
 * (lib/webhooks/handlers/dispute.ts). Payouts come from their events (payouts.ts); what each one
 * paid out is listed once it changes (Stripe's `payout` filter on the same list).
 */

const CURSOR = 'balance_transactions';
const PAGE_SIZE = 100;
/** Payouts whose transactions one sync lists, oldest first; the next sync takes the rest. */
const PAYOUTS_PER_SYNC = 20;
/** Each source is expanded for the payment it belongs to (charge, refund, dispute → payment intent). */
const EXPAND = ['data.source'];

export interface BalanceSyncReport {
  /** Balance transactions new to the mirror. */
  transactions: number;
  /** Payouts whose transactions were listed. */
  payouts: number;
  failedPayouts: string[];
}

export async function syncBalance(): Promise<BalanceSyncReport> {
  const transactions = await syncNewBalanceTransactions();
  const { synced, failed } = await syncPayoutTransactions();
  return { transactions, payouts: synced, failedPayouts: failed };
}

/**
 * Mirrors the balance transactions created since the last sync. The cursor is the newest mirrored
 * id: Stripe's `ending_before` pages toward newer objects from it, so each sync reads only what is
 * new. The first sync (or one whose cursor Stripe no longer knows, as after the emulator's state is
 * reset) reads the whole history, newest first.
 */
export async function syncNewBalanceTransactions(): Promise<number> {
  const [cursor] = await db().select().from(syncCursors).where(eq(syncCursors.name, CURSOR));
  if (cursor?.lastId) {
    try {
      return await syncNewerThan(cursor.lastId);
    } catch (error) {
      if (!isMissing(error, 'ending_before')) throw error;
      console.warn(`[balance sync] Stripe no longer knows ${cursor.lastId}; reading everything`);
    }
  }
  return syncEverything();
}

async function syncNewerThan(lastId: string): Promise<number> {
  let written = 0;
  let after = lastId;
  for (;;) {
    const page = await stripe().balanceTransactions.list({
      ending_before: after,
      limit: PAGE_SIZE,
      expand: EXPAND,
    });
    const newest = page.data[0];
    if (!newest) break;
    written += await mirrorBalanceTransactions(db(), page.data);
    // Saved page by page: a sync that dies half-way resumes where it stopped.
    await saveCursor(newest);
    if (!page.has_more) break;
    after = newest.id;
  }
  return written;
}

async function syncEverything(): Promise<number> {
  let written = 0;
  let newest: Stripe.BalanceTransaction | undefined;
  let startingAfter: string | undefined;
  for (;;) {
    const page = await stripe().balanceTransactions.list({
      limit: PAGE_SIZE,
      expand: EXPAND,
      ...(startingAfter && { starting_after: startingAfter }),
    });
    newest ??= page.data[0];
    written += await mirrorBalanceTransactions(db(), page.data);
    const oldest = page.data.at(-1);
    if (!page.has_more || !oldest) break;
    startingAfter = oldest.id;
  }
  if (newest) await saveCursor(newest);
  return written;
}

async function saveCursor(newest: Stripe.BalanceTransaction): Promise<void> {
  const position = new Date(newest.created * 1000);
  await db()
    .insert(syncCursors)
    .values({ name: CURSOR, position, lastId: newest.id })
    .onConflictDoUpdate({
      target: syncCursors.name,
      set: { position, lastId: newest.id, updatedAt: new Date() },
      // Two syncs at once (two instances): the one that read less never moves the cursor back.
      setWhere: sql`${syncCursors.position} <= excluded.position`,
    });
}

/** Stripe's answer when the object a list parameter names does not exist. */
function isMissing(error: unknown, param: string): boolean {
  return (
    error instanceof Stripe.errors.StripeInvalidRequestError &&
    error.code === 'resource_missing' &&
    error.param === param
  );
}

/**
 * Lists what each changed payout paid out and ties those transactions to it, so its page can show
 * that they sum to it. A payout is marked synced only if no newer report of it arrived meanwhile
 * (that report cleared the mark and asks for another listing).
 */
export async function syncPayoutTransactions(): Promise<{ synced: number; failed: string[] }> {
  const due = await db()
    .select({ id: payouts.id, reportedAt: payouts.reportedAt })
    .from(payouts)
    .where(isNull(payouts.transactionsSyncedAt))
    .orderBy(asc(payouts.created))
    .limit(PAYOUTS_PER_SYNC);
  const failed: string[] = [];
  let synced = 0;
  for (const payout of due) {
    try {
      if (!(await mirrorPaidOut(payout.id)))
        console.warn(`[balance sync] Stripe does not know payout ${payout.id}; nothing to list`);
      await db()
        .update(payouts)
        .set({ transactionsSyncedAt: sql`now()` })
        .where(and(eq(payouts.id, payout.id), eq(payouts.reportedAt, payout.reportedAt)));
      synced++;
    } catch (error) {
      // Left unsynced: the next sync tries again.
      failed.push(payout.id);
      console.error(`[balance sync] could not list what payout ${payout.id} paid out:`, error);
    }
  }
  return { synced, failed };
}

/**
 * Ties what the payout paid out to it; false when Stripe does not know the payout (only a reset
 * emulator forgets one), which is then not asked about again.
 */
async function mirrorPaidOut(payoutId: string): Promise<boolean> {
  let startingAfter: string | undefined;
  for (;;) {
    let page: Stripe.ApiList<Stripe.BalanceTransaction>;
    try {
      page = await stripe().balanceTransactions.list({
        payout: payoutId,
        limit: PAGE_SIZE,
        expand: EXPAND,
        ...(startingAfter && { starting_after: startingAfter }),
      });
    } catch (error) {
      if (isMissing(error, 'payout')) return false;
      throw error;
    }
    await mirrorBalanceTransactions(db(), page.data, { payoutId });
    const oldest = page.data.at(-1);
    if (!page.has_more || !oldest) return true;
    startingAfter = oldest.id;
  }
}

// One sync at a time per process. Events that move money mark the balance as changed (the
// dispatcher calls noteBalanceChanged); the worker's tick then syncs, at most every
// SYNC_INTERVAL_MS however many events arrive, and every IDLE_SYNC_MS regardless (payouts that
// Stripe creates on its schedule, transactions of events another instance applied).
const SYNC_INTERVAL_MS = 2_000;
const IDLE_SYNC_MS = 5 * 60_000;
// On globalThis: instrumentation's worker and the route handlers load separate copies of this module.
const holder = globalThis as typeof globalThis & {
  shopfrontBalanceSync?: { active: Promise<void> | null; changed: boolean; lastSyncAt: number };
};
const state = () =>
  (holder.shopfrontBalanceSync ??= { active: null, changed: true, lastSyncAt: 0 });

export function noteBalanceChanged(): void {
  state().changed = true;
}

/** Syncs unless one is running or none is due; resolves when the sync it started is over. */
export function syncBalanceSoon(): Promise<void> {
  const sync = state();
  if (sync.active) return sync.active;
  // A store without Stripe configured (some tests, a first start) has no balance to read.
  if (!env().STRIPE_SECRET_KEY) return Promise.resolve();
  const since = Date.now() - sync.lastSyncAt;
  if (since < SYNC_INTERVAL_MS || (!sync.changed && since < IDLE_SYNC_MS)) return Promise.resolve();
  sync.changed = false;
  sync.lastSyncAt = Date.now();
  sync.active = (async () => {
    try {
      await syncBalance();
    } catch (error) {
      sync.changed = true;
      console.error('[balance sync] failed; the next tick retries:', error);
    } finally {
      sync.active = null;
    }
  })();
  return sync.active;
}
