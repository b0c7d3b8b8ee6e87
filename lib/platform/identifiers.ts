/** Stripe fields that hold an id or, when expanded, the object: the id either way. */
export function stripeIdOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value from a URL or a Stripe metadata field can be one of our uuid keys (else Postgres would refuse the query). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
