// An `*.updated` event's `data.previous_attributes`: the old values of the top-level fields that
// changed, compared against a snapshot taken before the change.

/** A deep copy of `object` as it is now, to compare against after a change. */
export function snapshot(object: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(object)) as Record<string, unknown>;
}

export function previousAttributes(
  before: Record<string, unknown>,
  after: object,
): Record<string, unknown> {
  const now = after as Record<string, unknown>;
  const previous: Record<string, unknown> = {};
  for (const key of Object.keys(now)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(now[key])) previous[key] = before[key];
  }
  return previous;
}
