import { randomUUID } from 'node:crypto';
import { bearer, projectBody } from './testing.ts';

export interface Outcome {
  at: number;
  what: 'save' | 'read';
  /** The HTTP status, or the network error's text. */
  result: number | string;
}

export interface LoadReport {
  outcomes: Outcome[];
  failures: Outcome[];
  /** The saves answered 2xx: each must be readable afterwards. */
  saved: { id: string; name: string }[];
}

export interface Load {
  /** Requests answered so far (any outcome). */
  count(): number;
  stop(): Promise<LoadReport>;
}

/**
 * Steady, bounded load through `url`: `workers` loops, each one request at a time, alternating a
 * save (POST /v1/projects with an Idempotency-Key) and a read (GET /v1/me), `pauseMs` apart.
 */
export function steadyLoad(url: string, token: string, { workers = 4, pauseMs = 10 } = {}): Load {
  const outcomes: Outcome[] = [];
  const saved: LoadReport['saved'] = [];
  let running = true;
  const worker = async (n: number) => {
    for (let i = 0; running; i++) {
      const save = i % 2 === 0;
      const name = `load ${n}-${i}-${randomUUID().slice(0, 8)}`;
      let result: number | string;
      try {
        const response = save
          ? await fetch(
              `${url}/v1/projects`,
              bearer(token, {
                method: 'POST',
                headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
                body: JSON.stringify(projectBody(name)),
                signal: AbortSignal.timeout(15_000),
              }),
            )
          : await fetch(`${url}/v1/me`, bearer(token, { signal: AbortSignal.timeout(15_000) }));
        result = response.status;
        const body = await response.text();
        if (save && response.status === 201)
          saved.push({ id: (JSON.parse(body) as { id: string }).id, name });
      } catch (error) {
        // undici puts the reason (a reset, a closed socket) in `cause`.
        const cause =
          error instanceof Error
            ? (error.cause as { code?: string; message?: string } | undefined)
            : undefined;
        result = `${String(error)}${cause ? ` (${cause.code ?? cause.message})` : ''}`;
      }
      outcomes.push({ at: Date.now(), what: save ? 'save' : 'read', result });
      await new Promise((r) => setTimeout(r, pauseMs));
    }
  };
  const loops = Array.from({ length: workers }, (_, n) => worker(n));
  return {
    count: () => outcomes.length,
    async stop() {
      running = false;
      await Promise.all(loops);
      const failures = outcomes.filter(
        (o) => typeof o.result !== 'number' || o.result < 200 || o.result >= 300,
      );
      return { outcomes, failures, saved };
    },
  };
}
