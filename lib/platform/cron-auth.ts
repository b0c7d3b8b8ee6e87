import { createHash, timingSafeEqual } from 'node:crypto';

export type CronAuthorization = 'authorized' | 'unauthorized' | 'not_configured';

/**
 * Whether a request may run the scheduled jobs: Vercel Cron sends `Authorization: Bearer
 * <CRON_SECRET>`. Without a secret nobody may, and in production that is a configuration error
 * worth a 500 (the jobs silently not running would lose webhooks and mail).
 */
export function authorizeCron(
  header: string | null,
  config: { secret: string | undefined; production: boolean },
): CronAuthorization {
  if (!config.secret) return config.production ? 'not_configured' : 'unauthorized';
  const given = /^Bearer (.+)$/.exec(header ?? '')?.[1];
  if (!given) return 'unauthorized';
  // Equal-length digests, so the comparison takes the same time whatever was sent.
  return timingSafeEqual(digest(given), digest(config.secret)) ? 'authorized' : 'unauthorized';
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
