import { setImmediate } from 'node:timers/promises';
import type { Database, Queryable } from './database.ts';

/**
 * Why a request was not let through to the database: the queue was full, or it waited its
 * longest. The platform answers 503 `overloaded` with a `Retry-After`, so that a client backs
 * off (the planner's queue honours it) instead of timing out on a request still in line.
 */
export class DatabaseOverloaded extends Error {
  override readonly name = 'DatabaseOverloaded';
  readonly code = 'overloaded';
  constructor(
    readonly reason: 'queue_full' | 'wait_timeout',
    /** Whole seconds the client should wait before it tries again. */
    readonly retryAfterSeconds: number,
  ) {
    super(
      reason === 'queue_full'
        ? 'Too many requests are waiting for the database; try again later.'
        : 'The request waited too long for the database; try again later.',
    );
  }
}

/** The client went away while its request waited: nobody to answer, nothing to run. */
export class ClientGone extends Error {
  override readonly name = 'ClientGone';
  readonly code = 'client_gone';
  constructor() {
    super('The client closed its connection while the request waited for the database.');
  }
}

export type AdmissionOutcome = 'admitted' | 'queue_full' | 'wait_timeout' | 'client_gone';

/** How long requests may wait for the database (`PLANNER_DB_MAX_QUEUE`, `PLANNER_DB_MAX_WAIT_MS`). */
export interface AdmissionLimits {
  maxQueue: number;
  maxWaitMs: number;
}

/**
 * Defaults: each wait at most 20 s — under the 30 s a client typically waits for an answer
 * and the planner's 60 s call deadline, so that a refusal reaches a client still listening,
 * which retries after `Retry-After` — and room for 4 000 waiting statements, as one request
 * may wait for several at once (a catalog page reads four in parallel). In the full load run
 * on PostgreSQL (500 connections) 10 s shed 250 of 4 763 requests that were otherwise
 * answered within 24 s, and a queue of 1 000 shed 3 479: 200 catalog readers alone queue 800.
 */
export const DEFAULT_ADMISSION_LIMITS: AdmissionLimits = { maxQueue: 4000, maxWaitMs: 20_000 };

export interface AdmissionOptions {
  /** How many may use the database at once: the pool's size (PGlite: 1). */
  permits: number;
  /** The most that may wait for a permit; one more is refused at once. */
  maxQueue: number;
  /** The longest one may wait, ms; then it is refused. */
  maxWaitMs: number;
  /** Told of every outcome, with how long it waited (ms) — the metrics. */
  onOutcome?: ((outcome: AdmissionOutcome, waitedMs: number) => void) | undefined;
  /** Milliseconds, monotonic (tests pass a fake clock). */
  now?: (() => number) | undefined;
}

interface Waiter {
  since: number;
  grant: (release: () => void) => void;
}

/**
 * A counting semaphore with a bounded, first-come-first-served queue in front of the
 * database. Without it, requests wait without bound (PGlite's lock, `pg`'s pool queue): a
 * burst is answered by client time-outs, and the platform goes on working for clients that
 * have already gone. With it, waiting is bounded in length and in time, and a request whose
 * client disconnected leaves the line without running.
 */
export class Admission {
  readonly #options: AdmissionOptions;
  readonly #now: () => number;
  #free: number;
  readonly #queue: Waiter[] = [];

  constructor(options: AdmissionOptions) {
    if (options.permits < 1) throw new RangeError('permits must be at least 1');
    this.#options = options;
    this.#now = options.now ?? (() => performance.now());
    this.#free = options.permits;
  }

  /** Requests waiting for a permit now. */
  get depth(): number {
    return this.#queue.length;
  }

  /** Permits in use now. */
  get inUse(): number {
    return this.#options.permits - this.#free;
  }

  /** What a refused client is told to wait: about the longest wait, at least a second. */
  get retryAfterSeconds(): number {
    return Math.min(30, Math.max(1, Math.ceil(this.#options.maxWaitMs / 1000)));
  }

  /**
   * Waits for a permit; resolves with its release (call it once, when done). `signal` is the
   * client's connection: aborted, the wait ends with `ClientGone`. `bounded: false` (the
   * platform's own background work) waits as long as it takes and is never refused.
   */
  acquire(signal?: AbortSignal, bounded = true): Promise<() => void> {
    const { onOutcome, maxQueue, maxWaitMs } = this.#options;
    if (signal?.aborted) {
      onOutcome?.('client_gone', 0);
      return Promise.reject(new ClientGone());
    }
    if (this.#free > 0 && this.#queue.length === 0) {
      this.#free--;
      onOutcome?.('admitted', 0);
      return Promise.resolve(this.#release());
    }
    if (bounded && this.#queue.length >= maxQueue) {
      onOutcome?.('queue_full', 0);
      return Promise.reject(new DatabaseOverloaded('queue_full', this.retryAfterSeconds));
    }
    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const leave = (outcome: AdmissionOutcome, error: Error) => {
        const at = this.#queue.indexOf(waiter);
        if (at < 0) return;
        this.#queue.splice(at, 1);
        done();
        onOutcome?.(outcome, this.#now() - waiter.since);
        reject(error);
      };
      const onAbort = () => leave('client_gone', new ClientGone());
      const done = () => {
        if (timer !== undefined) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const waiter: Waiter = {
        since: this.#now(),
        grant: (release) => {
          done();
          onOutcome?.('admitted', this.#now() - waiter.since);
          resolve(release);
        },
      };
      this.#queue.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (bounded) {
        timer = setTimeout(
          () => leave('wait_timeout', new DatabaseOverloaded('wait_timeout', this.retryAfterSeconds)),
          maxWaitMs,
        );
      }
    });
  }

  /** Runs `fn` holding a permit. */
  async run<T>(fn: () => Promise<T>, signal?: AbortSignal, bounded = true): Promise<T> {
    const release = await this.acquire(signal, bounded);
    try {
      return await fn();
    } finally {
      release();
    }
  }

  #release(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The permit passes straight to the first in line: nobody can overtake the queue.
      const next = this.#queue.shift();
      if (next) next.grant(this.#release());
      else this.#free++;
    };
  }
}

/**
 * The database behind an admission queue: every statement and transaction outside a
 * transaction takes a permit (statements inside one run on its connection, as before).
 * `signal()` names the client connection the current work is for, or undefined for the
 * platform's own background work, which waits without bound.
 */
export function admitted(
  db: Database,
  admission: Admission,
  signal: () => AbortSignal | undefined,
): Database {
  // PGlite runs each statement synchronously in this thread and settles its promises in
  // microtasks: a burst of requests ran start to end as one chain of microtasks, and for all
  // that time (the load run saw the event loop held 7 to 28 s) no socket was read and no
  // timer fired, so the connections whose requests were not read before it starved (in the
  // full load run, every save: 0 answered). Each statement now first lets the event loop turn
  // once, so requests are read and advanced in turn. A statement then rarely finds the one
  // permit taken (in the load run: never): PGlite's backlog is the event loop itself, which
  // this queue does not bound.
  const yieldFirst = db.kind === 'pglite';
  const run = async <T>(fn: () => Promise<T>) => {
    if (yieldFirst) await setImmediate();
    const s = signal();
    return admission.run(fn, s, s !== undefined);
  };
  const wrapped: Database = {
    kind: db.kind,
    query: (sql, params) => run(() => db.query(sql, params)),
    exec: (sql) => run(() => db.exec(sql)),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => run(() => db.transaction(fn)),
    notify: (channel, payload) => run(() => db.notify(channel, payload)),
    listen: (channel, onPayload) => db.listen(channel, onPayload),
    watchListen: (onChange) => db.watchListen(onChange),
    close: () => db.close(),
  };
  const poolStats = db.poolStats?.bind(db);
  if (poolStats) wrapped.poolStats = poolStats;
  return wrapped;
}
