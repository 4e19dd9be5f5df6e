/** Medians with min–max: these machines are noisy, one figure alone means little. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function summarise(values: readonly number[]): Summary {
  if (values.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, n: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, n: sorted.length };
}

/** The p-th percentile (0–100) by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/**
 * Runs A and B alternately, ABBA order, so that drift in the machine's load (other
 * processes start and stop) falls on both equally. Returns each side's samples and the
 * per-round ratio A/B: the ratio of one round compares two runs seconds apart.
 */
export async function interleave<K extends string>(
  rounds: number,
  sides: Record<K, () => Promise<number>>,
  /** Untimed runs of each side first: the JIT, the caches and the connection pools warm up. */
  warmup = rounds > 1 ? 1 : 0,
): Promise<{ samples: Record<K, number[]>; ratio: (a: K, b: K) => number[] }> {
  const keys = Object.keys(sides) as K[];
  for (let i = 0; i < warmup; i++) for (const key of keys) await sides[key]();
  const samples = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? [...keys].reverse() : keys;
    for (const key of order) samples[key].push(await sides[key]());
  }
  return {
    samples,
    ratio: (a, b) => samples[a].map((value, i) => value / samples[b][i]!),
  };
}
