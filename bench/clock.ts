/**
 * The bench's clock: the sweep runs hourly, and its points budget and Jira's quota windows follow the
 * UTC hour, so measuring a rolling sweep means letting hours pass. `advance` moves `Date.now()` and
 * `new Date()` forward for the whole process (the app, the KVS emulator and the Jira simulator alike);
 * `performance.now()` — what timings use — is untouched.
 */
const RealDate = Date;
let offsetMs = 0;

class ShiftedDate extends RealDate {
  constructor(...args: unknown[]) {
    if (args.length === 0) super(RealDate.now() + offsetMs);
    else super(...(args as [string | number | Date]));
  }
  static override now(): number {
    return RealDate.now() + offsetMs;
  }
}

export function installBenchClock(): void {
  globalThis.Date = ShiftedDate as DateConstructor;
}

/** To the first minute of the next UTC hour and `extraMs` beyond. */
export function advanceToNextHour(extraMs = 60_000): void {
  const now = RealDate.now() + offsetMs;
  offsetMs += Math.ceil((now + 1) / 3_600_000) * 3_600_000 - now + extraMs;
}
