import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { env } from '@/lib/env';

/** Anything that can send one message: nodemailer's SMTP transport in the app, a stand-in in tests. */
export interface MailTransport {
  sendMail(message: Mail.Options): Promise<unknown>;
}

let transport: MailTransport | undefined;

/** The SMTP transport for SMTP_URL, or null when mail is not configured (it stays in the outbox). */
export function mailTransport(): MailTransport | null {
  const url = env().SMTP_URL;
  if (!url) return null;
  transport ??= nodemailer.createTransport(url);
  return transport;
}
