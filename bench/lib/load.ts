import autocannon, { type Request as CannonRequest } from 'autocannon';

export interface LoadResult {
  /** Completed 2xx requests per second of wall time. */
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  /** Bounded load: exactly this many requests, then stop. */
  amount: number;
  method?: 'GET' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  /** A distinct request per call (fresh assertions, distinct tokens), taken in order. */
  requests?: readonly { method?: string; path?: string; headers?: Record<string, string>; body?: string }[];
}

/**
 * One bounded autocannon run on 127.0.0.1. Requests per second are counted from our own
 * clock to the last response: autocannon notices that `amount` is reached only at its next
 * one-second tick, which would round every run's duration up to whole seconds.
 */
export async function loadRun(o: LoadOptions): Promise<LoadResult> {
  let next = 0;
  let ok = 0;
  let last = 0;
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: o.url,
        connections: o.connections,
        amount: o.amount,
        method: o.method ?? 'GET',
        headers: o.headers ?? {},
        timeout: 30,
        ...(o.requests
          ? {
              requests: [
                {
                  setupRequest: (req: CannonRequest) => {
                    const r = o.requests![next++ % o.requests!.length]!;
                    return { ...req, ...r, headers: { ...req.headers, ...r.headers } } as CannonRequest;
                  },
                },
              ],
            }
          : {}),
      },
      (error, res) => (error ? reject(error) : resolve(res)),
    );
    instance.on('response', (_client: unknown, status: number) => {
      last = performance.now();
      if (status >= 200 && status < 300) ok++;
    });
  });
  return {
    rps: ok / ((Math.max(last, started + 1) - started) / 1000),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
