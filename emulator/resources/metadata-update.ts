// How an update merges `metadata`: keys sent are set, a key sent empty is removed, and
// `metadata=` (empty) clears everything (docs.stripe.com/api/metadata).
import type { FormValue } from '../http/form-decoding';

export function mergedMetadata(
  current: Record<string, string> | null,
  parsed: Record<string, string> | undefined,
  raw: FormValue | undefined,
): Record<string, string> {
  if (raw === undefined || parsed === undefined) return current ?? {};
  if (raw === '') return {};
  const next = { ...(current ?? {}), ...parsed };
  if (typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [key, value] of Object.entries(raw)) if (value === '') delete next[key];
  }
  return next;
}
