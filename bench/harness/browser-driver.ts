/**
 * Runs in Chromium (bundled by esbuild into the bench page): the api-client's queue against
 * the platform on 127.0.0.1, next to plain `fetch` with the same header.
 */
import { RequestQueue, TokenStore } from '@planner/api-client';

const SENDER = { origin: 'http://127.0.0.1:5999' };

async function timed(n: number, inFlight: number, call: () => Promise<unknown>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < n) {
      next++;
      const t0 = performance.now();
      await call();
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, inFlight) }, worker));
  return { wallMs: performance.now() - started, latencies };
}

const quiet = { visibility: null, network: null } as const;

const bench = {
  async queue(path: string, token: string, n: number, inFlight: number) {
    const tokens = new TokenStore();
    tokens.install(token, SENDER);
    const queue = new RequestQueue({ tokens, requestToken: () => {}, ...quiet });
    try {
      return await timed(n, inFlight, async () => {
        const res = await queue.request(path);
        await res.arrayBuffer();
      });
    } finally {
      queue.destroy();
    }
  },
  async plain(path: string, token: string, n: number, inFlight: number) {
    return timed(n, inFlight, async () => {
      const res = await fetch(path, { headers: { Authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
    });
  },
  /**
   * `n` calls held behind an expired token; the new token arrives once all are held. Returns
   * how many TokenExpired requests the queue made and each call's settle time after the token.
   */
  async storm(path: string, oldToken: string, newToken: string, n: number) {
    let skewMs = 0;
    let expired = 0;
    const tokens = new TokenStore({ now: () => Date.now() + skewMs });
    tokens.install(oldToken, SENDER);
    skewMs = 48 * 3600 * 1000; // from now on the old token is long expired by this clock
    const queue = new RequestQueue({
      tokens,
      requestToken: () => expired++,
      maxPending: n + 10,
      ...quiet,
      now: () => Date.now() + skewMs,
    });
    try {
      const issuedAt: number[] = [];
      const settledAt: number[] = new Array(n);
      const calls = Array.from({ length: n }, (_, i) => {
        issuedAt.push(performance.now());
        return queue.request(path).then(async (res) => {
          await res.arrayBuffer();
          settledAt[i] = performance.now();
          return res.status;
        });
      });
      await new Promise((r) => setTimeout(r, 0));
      const held = queue.heldCount;
      skewMs = 0;
      const tokenAt = performance.now();
      tokens.install(newToken, SENDER);
      const statuses = await Promise.all(calls);
      return {
        expired,
        held,
        ok: statuses.filter((s) => s === 200).length,
        issued: issuedAt.map((t) => t - tokenAt),
        settled: settledAt.map((t) => t - tokenAt),
      };
    } finally {
      queue.destroy();
    }
  },
  /** The baseline of the storm: `n` plain calls started at once. */
  async burst(path: string, token: string, n: number) {
    const t0 = performance.now();
    const settled = await Promise.all(
      Array.from({ length: n }, async () => {
        const res = await fetch(path, { headers: { Authorization: `Bearer ${token}` } });
        await res.arrayBuffer();
        return performance.now() - t0;
      }),
    );
    return { settled };
  },
};

(globalThis as unknown as { bench: typeof bench }).bench = bench;
