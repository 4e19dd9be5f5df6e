import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareLatencies, kolmogorovSmirnov, mannWhitney } from './latency-stats.ts';

/** A deterministic latency sample: a log-normal-ish body with a long tail, as requests have. */
const sample = (seed: number, n: number, shiftMs = 0) =>
  fc
    .sample(fc.double({ min: 0, max: 1, noNaN: true }), { numRuns: n, seed })
    .map((u) => 2 + shiftMs + -Math.log(1 - u * 0.999) * 0.8);

describe('latency statistics', () => {
  it('Kolmogorov–Smirnov: D of known cases and a p-value that rejects a shift but not a resample', () => {
    expect(kolmogorovSmirnov([1, 2, 3], [1, 2, 3]).d).toBe(0);
    expect(kolmogorovSmirnov([1, 2, 3], [4, 5, 6]).d).toBe(1);
    expect(kolmogorovSmirnov(sample(1, 2000), sample(2, 2000)).p).toBeGreaterThan(0.001);
    expect(kolmogorovSmirnov(sample(1, 2000), sample(2, 2000, 0.3)).p).toBeLessThan(0.001);
  });

  it('Mann–Whitney: superiority 0.5 for one distribution, 1 when one side is always slower', () => {
    expect(mannWhitney([5, 6, 7], [1, 2, 3]).superiority).toBe(1);
    expect(Math.abs(mannWhitney(sample(3, 2000), sample(4, 2000)).superiority - 0.5)).toBeLessThan(0.05);
  });

  it('declares a leak for a 1 ms shift, none for two draws of one distribution', () => {
    expect(compareLatencies(sample(5, 2000), sample(6, 2000)).leak).toBe(false);
    expect(compareLatencies(sample(5, 2000), sample(6, 2000, 1)).leak).toBe(true);
  });
});
