// npm run admin:create -- --email owner@example.com --password '...'
// Creates an admin (or resets an existing admin's password). Prompts for whatever flag is missing.
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { connect } from '@/db/client';
import { AdminInputError, upsertAdmin } from '@/lib/admin/admins';
import { ConfigError } from '@/lib/env';
import { describeDatabase, withDatabase } from './database';
import { loadProjectEnv } from './project-env';
import { runScript } from './run-script';

async function ask(question: string, hidden = false): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  if (hidden) {
    // Echo nothing while the password is typed (readline has no built-in masked mode).
    const writable = rl as unknown as { _writeToOutput: (text: string) => void };
    writable._writeToOutput = (text: string) => {
      if (text.includes(question)) process.stdout.write(text);
    };
  }
  try {
    return (await rl.question(question)).trim();
  } finally {
    if (hidden) process.stdout.write('\n');
    rl.close();
  }
}

runScript(async () => {
  loadProjectEnv();
  const { values } = parseArgs({
    options: { email: { type: 'string' }, password: { type: 'string' } },
  });
  const email = values.email ?? (await ask('Email: '));
  const password = values.password ?? (await ask('Password (12+ characters): ', true));
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
}, [ConfigError, AdminInputError]);
