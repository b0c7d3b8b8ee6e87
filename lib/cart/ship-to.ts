/**
 * The cart's "Ship to" default: the first region the browser's Accept-Language names ("sv-SE" →
 * SE), by preference, that the store ships to; else the first country it ships to. Pure.
 */
export function defaultShipTo(acceptLanguage: string | null, allowed: string[]): string | null {
  const allowedSet = new Set(allowed);
  for (const region of preferredRegions(acceptLanguage ?? ''))
    if (allowedSet.has(region)) return region;
  return allowed[0] ?? null;
}

/** The header's regions, most preferred first (RFC 9110 "Accept-Language": weights, q=1 default). */
function preferredRegions(header: string): string[] {
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const weight = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean);
      const region = tag
        .split('-')
        .slice(1)
        .find((subtag) => /^[A-Za-z]{2}$/.test(subtag));
      return { region: region?.toUpperCase(), q: weight ? Number(weight) : 1, index };
    })
    .filter((entry): entry is { region: string; q: number; index: number } =>
      Boolean(entry.region && entry.q > 0),
    )
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.region);
}
