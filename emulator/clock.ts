// The emulator's notion of "now", in unix seconds. The control API moves it forward so that
// expiries (sessions after expires_at, authorisations after 7 days) happen without waiting.
export class Clock {
  constructor(private readonly holder: { clockOffsetSeconds: number }) {}

  now(): number {
    return Math.floor(Date.now() / 1000) + this.holder.clockOffsetSeconds;
  }

  advance(seconds: number): void {
    this.holder.clockOffsetSeconds += seconds;
  }
}
