/** Small statistics for benchmark rounds. */
export const percentile = (xs: readonly number[], p: number): number => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? Number.NaN;
};

export const median = (xs: readonly number[]): number => percentile(xs, 50);

/** Rounds to `digits` decimals (JSON-friendly; NaN becomes null in JSON anyway). */
export const round = (x: number, digits = 3): number => Number(x.toFixed(digits));
