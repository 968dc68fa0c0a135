/** Small statistics helpers for the benchmarks: medians and percentiles, printed in ms. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}
export const median = (v: readonly number[]) => percentile(v, 50);
export const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 1)} ms`;
export function line(label: string, value: string, target = ''): void {
  process.stdout.write(`  ${label.padEnd(52)} ${value.padStart(14)}${target ? `   (target ${target})` : ''}\n`);
}
