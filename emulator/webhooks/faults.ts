// Faults for the next deliveries, so a store can prove its webhook handler survives what Stripe
// does not guarantee: once-only delivery (duplicate), ordering (shuffle), promptness (delay), and
// first-try success (drop the first attempt, which is then retried on the schedule).
export interface DeliveryFaults {
  /** How many upcoming deliveries the faults apply to. */
  remaining: number;
  /** Send each affected event this many extra times, as independent deliveries. */
  duplicate: number;
  /** Hold the first attempt this long. */
  delayMs: number;
  /** Record the first attempt as failed without sending it; the retry schedule takes over. */
  dropFirstAttempt: boolean;
  /** Collect affected deliveries for this long, then send them in random order. */
  shuffleWindowMs: number;
}

export function noDeliveryFaults(): DeliveryFaults {
  return { remaining: 0, duplicate: 0, delayMs: 0, dropFirstAttempt: false, shuffleWindowMs: 0 };
}

export function takeFault(faults: DeliveryFaults): DeliveryFaults | null {
  if (faults.remaining <= 0) return null;
  faults.remaining -= 1;
  return { ...faults };
}

export function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
