/**
 * Firestore's 500/50/5 rule: start a new collection's write traffic at no more than 500
 * operations per second, and raise it by 50% every 5 minutes. Launches take writes from here.
 */
export class RampLimiter {
  private started: number | null = null;
  private used = 0;

  constructor(
    private readonly clock: () => number = () => Date.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
    private readonly base = 500,
  ) {}

  /** Operations the ramp allows in the first `ms` milliseconds. */
  allowedBy(ms: number): number {
    const step = 5 * 60_000;
    let allowed = 0;
    let rate = this.base;
    for (let t = 0; t < ms; t += step, rate *= 1.5) allowed += (rate * Math.min(step, ms - t)) / 1000;
    return Math.floor(allowed);
  }

  /** Resolves once `operations` more writes fit under the ramp. The first second's 500 go at once. */
  async take(operations: number): Promise<void> {
    this.started ??= this.clock();
    this.used += operations;
    for (;;) {
      const elapsed = this.clock() - this.started;
      if (this.used <= this.base + this.allowedBy(elapsed)) return;
      await this.sleep(Math.min(1000, Math.max(10, ((this.used - this.base - this.allowedBy(elapsed)) / this.base) * 1000)));
    }
  }
}
