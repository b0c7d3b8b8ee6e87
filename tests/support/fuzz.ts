/** A small seeded generator, so a failing fuzz run is reproduced by its seed. */
export interface Random {
  seed: number;
  /** In [0, 1). */
  next(): number;
  int(maxExclusive: number): number;
  pick<T>(items: readonly T[]): T;
  bytes(length: number): Buffer;
  chance(probability: number): boolean;
}

// mulberry32: tiny and good enough to spread test inputs (not for anything secret).
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random: Random = {
    seed,
    next,
    int: (maxExclusive) => Math.floor(next() * maxExclusive),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    bytes: (length) => Buffer.from(Array.from({ length }, () => Math.floor(next() * 256))),
    chance: (probability) => next() < probability,
  };
  return random;
}

/** The seed from FUZZ_SEED, else a fresh one (printed by the tests so a failure can be replayed). */
export function fuzzSeed(): number {
  const given = Number(process.env.FUZZ_SEED);
  return Number.isInteger(given) ? given : Math.floor(Math.random() * 2 ** 31);
}

/** Changes a string the way an attacker or a broken proxy might: flip, insert, delete, swap. */
export function mutate(random: Random, text: string): string {
  if (text.length === 0) return 'x';
  const at = random.int(text.length);
  switch (random.int(5)) {
    case 0: {
      const code = text.charCodeAt(at);
      return (
        text.slice(0, at) + String.fromCharCode(code ^ (1 << random.int(6))) + text.slice(at + 1)
      );
    }
    case 1:
      return text.slice(0, at) + random.pick([' ', '0', '"', '}', '\\u0000', 'é']) + text.slice(at);
    case 2:
      return text.slice(0, at) + text.slice(at + 1);
    case 3:
      return text.replace(/"amount_total":\d+/, `"amount_total":${random.int(100000)}`) === text
        ? text.replace('"paid"', '"unpaid"')
        : text.replace(/"amount_total":\d+/, `"amount_total":${random.int(100000)}`);
    default:
      return text.replace(/"id":"evt_[^"]*"/, `"id":"evt_${random.int(1e9)}"`);
  }
}
