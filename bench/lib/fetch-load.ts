import { percentile } from './stats.ts';

export interface FetchLoadResult<T> {
  /** Calls per second of wall time. */
  rps: number;
  p50: number;
  p99: number;
  wallMs: number;
  results: T[];
}

/**
 * `amount` calls of `one(i)`, `inFlight` at a time, each timed: for flows that need each
 * answer (a created project's ETag for its update), which autocannon does not hand back.
 */
export async function fetchLoad<T>(
  amount: number,
  inFlight: number,
  one: (i: number) => Promise<T>,
): Promise<FetchLoadResult<T>> {
  const latencies: number[] = [];
  const results: T[] = new Array(amount);
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < amount) {
      const i = next++;
      const t0 = performance.now();
      results[i] = await one(i);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, amount) }, worker));
  const wallMs = performance.now() - started;
  return {
    rps: amount / (wallMs / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    wallMs,
    results,
  };
}
