/** Two-sample statistics for comparing latency distributions (the timing suite). */

export interface Summary {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  mean: number;
}

const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);
const quantile = (s: readonly number[], q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
const round = (x: number) => Math.round(x * 1000) / 1000;

export function summarise(xs: readonly number[]): Summary {
  const s = sorted(xs);
  return {
    n: s.length,
    p50: round(quantile(s, 0.5)),
    p90: round(quantile(s, 0.9)),
    p99: round(quantile(s, 0.99)),
    mean: round(s.reduce((a, b) => a + b, 0) / s.length),
  };
}

/** Two-sample Kolmogorov–Smirnov: the largest gap between the empirical CDFs, and its p-value. */
export function kolmogorovSmirnov(a: readonly number[], b: readonly number[]): { d: number; p: number } {
  const x = sorted(a);
  const y = sorted(b);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i]!, y[j]!);
    while (i < x.length && x[i]! <= v) i++;
    while (j < y.length && y[j]! <= v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  const ne = (x.length * y.length) / (x.length + y.length);
  const lambda = (Math.sqrt(ne) + 0.12 + 0.11 / Math.sqrt(ne)) * d;
  // Kolmogorov's asymptotic distribution (Numerical Recipes' probks).
  let p = 0;
  for (let k = 1; k <= 100; k++) p += 2 * (-1) ** (k - 1) * Math.exp(-2 * k * k * lambda * lambda);
  return { d, p: Math.min(1, Math.max(0, lambda < 0.3 ? 1 : p)) };
}

/**
 * Mann–Whitney U, normal approximation, and its effect size as the probability of
 * superiority P(a > b) + ½ P(a = b): 0.5 when neither side is slower.
 */
export function mannWhitney(
  a: readonly number[],
  b: readonly number[],
): { u: number; z: number; superiority: number } {
  const all = [...a.map((v) => ({ v, from: 0 })), ...b.map((v) => ({ v, from: 1 }))].sort(
    (p, q) => p.v - q.v,
  );
  const ranks = new Array<number>(all.length);
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j + 1 < all.length && all[j + 1]!.v === all[i]!.v) j++;
    for (let k = i; k <= j; k++) ranks[k] = (i + j) / 2 + 1;
    i = j + 1;
  }
  let rankSumA = 0;
  all.forEach((e, i) => {
    if (e.from === 0) rankSumA += ranks[i]!;
  });
  const n1 = a.length;
  const n2 = b.length;
  const u = rankSumA - (n1 * (n1 + 1)) / 2;
  const mean = (n1 * n2) / 2;
  const sd = Math.sqrt((n1 * n2 * (n1 + n2 + 1)) / 12);
  return { u, z: (u - mean) / sd, superiority: u / (n1 * n2) };
}

/**
 * The decision rule of the timing suite. A leak is declared when the distributions differ
 * both significantly and materially:
 * - Kolmogorov–Smirnov rejects equality at α = 0.001 (with 2 000 per side: D > 0.062), and
 * - the effect is large enough to be worth an attacker's while and above a loaded machine's
 *   drift: the Mann–Whitney probability of superiority departs from 0.5 by more than 0.1
 *   (one side slower in at least 60 % of pairs) and the medians differ by ≥ 0.1 ms.
 * Significance alone would flag microsecond differences no network lets through; effect
 * size alone would flag noise on small samples.
 */
export const TIMING_RULE = { alpha: 0.001, superiorityMargin: 0.1, minMedianGapMs: 0.1 } as const;

export interface Comparison {
  ks: { d: number; p: number };
  mannWhitney: { z: number; superiority: number };
  medianGapMs: number;
  leak: boolean;
}

export function compareLatencies(a: readonly number[], b: readonly number[]): Comparison {
  const ks = kolmogorovSmirnov(a, b);
  const mw = mannWhitney(a, b);
  const medianGapMs = Math.abs(summarise(a).p50 - summarise(b).p50);
  const leak =
    ks.p < TIMING_RULE.alpha &&
    Math.abs(mw.superiority - 0.5) > TIMING_RULE.superiorityMargin &&
    medianGapMs >= TIMING_RULE.minMedianGapMs;
  return {
    ks: { d: round(ks.d * 1000) / 1000, p: ks.p },
    mannWhitney: { z: round(mw.z), superiority: round(mw.superiority) },
    medianGapMs: round(medianGapMs),
    leak,
  };
}
