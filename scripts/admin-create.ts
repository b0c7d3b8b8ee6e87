// npm run admin:create -- --email owner@example.com --password '...'
// Creates an admin (or resets an existing admin's password). Prompts for whatever flag is missing.
import { EmbeddedPostgresUnavailable } from '@/db/embedded';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { connect } from '@/db/client';
import { AdminInputError, upsertAdmin } from '@/lib/auth/admin-accounts';
import { ConfigError } from '@/lib/env';
import { describeDatabase, withDatabase } from './database';
import { loadProjectEnv } from './project-env';
import { runScript } from './run-script';

/** Asks for what the flags did not give, on one readline (piped input works too). */
async function prompt(missing: { email: boolean; password: boolean }) {
  // Echo nothing while the password is typed: readline writes keystrokes to this stream, muted then.
  let isMuted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!isMuted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({
    input: process.stdin,
    output,
    terminal: Boolean(process.stdin.isTTY),
  });
  // The line iterator buffers: piped input that arrives all at once still answers each question.
  const lines = rl[Symbol.asyncIterator]();
  const ask = async (question: string, hidden = false) => {
    process.stdout.write(question);
    isMuted = hidden;
    const { value } = await lines.next();
    isMuted = false;
    if (hidden || !process.stdin.isTTY) process.stdout.write('\n');
    return typeof value === 'string' ? value : '';
  };
  try {
    return {
      email: missing.email ? (await ask('Email: ')).trim() : undefined,
      password: missing.password ? await ask('Password (12+ characters): ', true) : undefined,
    };
  } finally {
    rl.close();
  }
}

runScript(async () => {
  loadProjectEnv();
  const { values } = parseArgs({
    options: { email: { type: 'string' }, password: { type: 'string' } },
  });
  const asked = await prompt({ email: !values.email, password: !values.password });
  const email = values.email ?? asked.email ?? '';
  const password = values.password ?? asked.password ?? '';
  await withDatabase(async (url) => {
    const { db, sql } = connect(url, { max: 1 });
    try {
      const { created } = await upsertAdmin(db, { email, password, actor: 'npm run admin:create' });
      console.log(
        `${created ? 'Created admin' : 'Updated admin'} ${email.trim().toLowerCase()} in ${describeDatabase(url)}. Sign in at /admin/sign-in.`,
      );
    } finally {
      await sql.end();
    }
  });
}, [ConfigError, AdminInputError, EmbeddedPostgresUnavailable]);
