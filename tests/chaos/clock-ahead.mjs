// Loaded with --import into `npm run reconcile` so it runs as the cron would CLOCK_OFFSET_MS
// later: the chaos run cannot wait half an hour for the store's orders to pass their expiry. Only
// the store's clock moves; the emulator keeps real time (its sessions are expired through its
// control API).
const offset = Number(process.env.CLOCK_OFFSET_MS ?? 0);
const RealDate = Date;
class ShiftedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + offset);
    else super(...args);
  }
  static now() {
    return RealDate.now() + offset;
  }
}
globalThis.Date = ShiftedDate;
