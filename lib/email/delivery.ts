import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { emailOutbox } from '@/db/schema';
import { env } from '@/lib/env';
import { mailTransport, type MailTransport } from './transport';

export type DeliveryResult = 'sent' | 'retry_later' | 'failed' | 'not_configured' | 'not_due';

export interface DeliveryOptions {
  /** Defaults to the SMTP_URL transport; null means mail is not configured. */
  transport?: MailTransport | null;
}

/** After this many failed attempts a message is marked failed and left for an admin. */
export const MAX_ATTEMPTS = 8;
// A claimed message is hidden from other senders this long; if the sender dies mid-send, it
// becomes due again afterwards (at-least-once: a crash between SMTP and our UPDATE resends).
const CLAIM_LEASE = sql`now() + interval '10 minutes'`;

/**
 * One Message-ID per outbox row, the same on every attempt: a resend after a sender died between
 * SMTP and the UPDATE below (the chaos test kills servers there) is the same message, which
 * receiving mail systems recognise (RFC 5322 §3.6.4), not a second confirmation.
 */
export function outboxMessageId(id: number): string {
  return `<outbox-${id}@${new URL(env().APP_URL).hostname}>`;
}

/** 1, 2, 4, ... minutes after each failure, at most 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(2 ** Math.max(attempts - 1, 0), 360) * 60_000;
}

/**
 * Sends one queued message. The claim is a single conditional UPDATE, so however many deliveries
 * run at once for the same message, exactly one of them sends it.
 */
export async function deliverQueuedEmail(
  id: number,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const transport = options.transport === undefined ? mailTransport() : options.transport;
  if (!transport) {
    if (env().NODE_ENV === 'development')
      console.info(`[email] SMTP_URL is not set: message ${id} stays in the outbox`);
    return 'not_configured';
  }
  const [email] = await db()
    .update(emailOutbox)
    .set({ attempts: sql`${emailOutbox.attempts} + 1`, nextAttemptAt: CLAIM_LEASE })
    .where(
      and(
        eq(emailOutbox.id, id),
        eq(emailOutbox.status, 'queued'),
        lte(emailOutbox.nextAttemptAt, sql`now()`),
      ),
    )
    .returning();
  if (!email) return 'not_due';

  try {
    await transport.sendMail({
      from: env().EMAIL_FROM,
      to: email.recipient,
      subject: email.subject,
      text: email.body,
      messageId: outboxMessageId(email.id),
    });
  } catch (error) {
    const gaveUp = email.attempts >= MAX_ATTEMPTS;
    await db()
      .update(emailOutbox)
      .set({
        status: gaveUp ? 'failed' : 'queued',
        lastError: error instanceof Error ? error.message : String(error),
        nextAttemptAt: new Date(Date.now() + retryDelayMs(email.attempts)),
      })
      .where(eq(emailOutbox.id, id));
    if (gaveUp) {
      // Visible: the outbox shows it failed with last_error, and this line says so once.
      console.error(
        `[email] message ${id} (${email.kind}) to ${email.recipient} failed ${email.attempts} times; giving up: ${error instanceof Error ? error.message : String(error)}`,
      );
    } else {
      console.warn(
        `[email] message ${id} to ${email.recipient} not sent (attempt ${email.attempts}); retrying later`,
      );
    }
    return gaveUp ? 'failed' : 'retry_later';
  }
  await db()
    .update(emailOutbox)
    .set({ status: 'sent', sentAt: new Date(), lastError: null })
    .where(eq(emailOutbox.id, id));
  return 'sent';
}

/**
 * Sends every message that is due (the cron route's job), or only those of `orderIds` (an admin's
 * "send again", and tests that share a database): returns how each one went.
 */
export async function deliverPendingEmails(
  options: DeliveryOptions & { limit?: number; orderIds?: string[] } = {},
): Promise<DeliveryResult[]> {
  const transport = options.transport === undefined ? mailTransport() : options.transport;
  if (!transport) return [];
  const due = await db()
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(
      and(
        eq(emailOutbox.status, 'queued'),
        lte(emailOutbox.nextAttemptAt, sql`now()`),
        options.orderIds ? inArray(emailOutbox.orderId, options.orderIds) : undefined,
      ),
    )
    .orderBy(asc(emailOutbox.nextAttemptAt))
    .limit(options.limit ?? 50);
  const results: DeliveryResult[] = [];
  for (const { id } of due) results.push(await deliverQueuedEmail(id, { transport }));
  return results;
}

/** How a batch of deliveries went, counted by result: the cron route's report. */
export function summarizeDeliveries(results: DeliveryResult[]): Record<DeliveryResult, number> {
  const counts: Record<DeliveryResult, number> = {
    sent: 0,
    retry_later: 0,
    failed: 0,
    not_configured: 0,
    not_due: 0,
  };
  for (const result of results) counts[result] += 1;
  return counts;
}
