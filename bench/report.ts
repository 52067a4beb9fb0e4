/** Times work and prints one line per figure, with the goal and peak memory so far. */
export function time<T>(fn: () => T): { value: T; ms: number; promise: Promise<{ value: Awaited<T>; ms: number }> } {
  const started = performance.now();
  const value = fn();
  const ms = performance.now() - started;
  return {
    value,
    ms,
    promise: Promise.resolve(value).then((v) => ({ value: v, ms: performance.now() - started })),
  };
}

export function peakMb(): number {
  // maxRSS is in kilobytes.
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

export function report(name: string, ms: number, goalMs: number | null, detail = ''): void {
  const verdict = goalMs === null ? '' : ms <= goalMs ? `  (goal ≤ ${goalMs} ms: met)` : `  (goal ≤ ${goalMs} ms: MISSED)`;
  console.log(`${name.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms${verdict}  peak RSS ${peakMb()} MB${detail ? `  ${detail}` : ''}`);
}
