import pg from 'pg';
import type { Logger } from '../util/log.ts';
import type { ListenState } from './database.ts';

export interface BackoffOptions {
  /** The first retry's ceiling, ms. */
  baseMs: number;
  /** No retry waits longer, ms. */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 100, capMs: 10_000 };

/**
 * The wait before reconnect attempt `attempt` (0, 1, …): exponential, capped, with "equal
 * jitter" (half fixed, half random) so instances cut off together do not reconnect together.
 */
export function backoffDelay(attempt: number, options = DEFAULT_BACKOFF, random = Math.random): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.min(attempt, 30));
  return ceiling / 2 + (random() * ceiling) / 2;
}

/** What is safe to log of a connection error: never the connection string, never a payload. */
export const describePgError = (error: unknown): Record<string, unknown> => ({
  code: (error as { code?: unknown }).code ?? null,
  message: error instanceof Error ? error.message : String(error),
});

/**
 * PostgreSQL LISTEN on a dedicated connection that survives the server. What happens when:
 * 1. `listen` connects on first use (a failure then fails the caller: start-up should see it),
 *    and LISTENs once per channel.
 * 2. The connection errors or ends (a restart, a failover, `pg_terminate_backend`): the error
 *    is logged, watchers hear `'lost'` (notifications may be missed from now on) and a
 *    reconnect is scheduled with capped, jittered back-off.
 * 3. Reconnected: every channel is LISTENed again, then watchers hear `'listening'`, so that
 *    caches forget what a missed notification might have revoked.
 * 4. `close` stops all of it; a pending retry never fires.
 */
export class PgListener {
  readonly #channels = new Map<string, Set<(payload: string) => void>>();
  readonly #watchers = new Set<(state: ListenState) => void>();
  #client: pg.Client | undefined;
  #connecting: Promise<pg.Client> | undefined;
  #retry: NodeJS.Timeout | undefined;
  #attempt = 0;
  #closed = false;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly log: Logger,
    private readonly backoff = DEFAULT_BACKOFF,
  ) {}

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    const client = this.#client ?? (await this.#connectOnce());
    let set = this.#channels.get(channel);
    if (!set) {
      set = new Set();
      this.#channels.set(channel, set);
      // Lost meanwhile: the reconnect LISTENs on every channel, this one included.
      if (client === this.#client) await client.query(`listen "${channel}"`);
    }
    set.add(onPayload);
    return async () => {
      set.delete(onPayload);
    };
  }

  watch(onChange: (state: ListenState) => void): () => void {
    this.#watchers.add(onChange);
    return () => this.#watchers.delete(onChange);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => {});
  }

  #connectOnce(): Promise<pg.Client> {
    this.#connecting ??= this.#connect().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  async #connect(): Promise<pg.Client> {
    const client = new pg.Client(this.config);
    // Only a connection that was up is "lost": a failed attempt is its caller's to handle.
    const onLost = (error?: unknown) => {
      if (this.#client !== client) return;
      this.#client = undefined;
      if (this.#closed) return;
      this.log.error('db.listen_lost', error ? { error: describePgError(error) } : {});
      this.#emit('lost');
      this.#scheduleReconnect();
    };
    // Without an 'error' listener, a dead socket is an uncaught exception: the process dies.
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (n) => {
      for (const cb of this.#channels.get(n.channel) ?? []) {
        // Runs inside the socket's event: a subscriber that throws must not kill the process.
        try {
          cb(n.payload ?? '');
        } catch (error) {
          this.log.error('db.notification_handler_failed', { channel: n.channel, error });
        }
      }
    });
    try {
      await client.connect();
      for (const channel of this.#channels.keys()) await client.query(`listen "${channel}"`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    if (this.#closed) {
      await client.end().catch(() => {});
      throw new Error('The database was closed.');
    }
    this.#client = client;
    return client;
  }

  #scheduleReconnect(): void {
    if (this.#closed || this.#retry) return;
    const delay = backoffDelay(this.#attempt, this.backoff);
    this.#attempt += 1;
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      this.#connectOnce().then(
        () => {
          this.#attempt = 0;
          this.log.info('db.listen_restored', {});
          this.#emit('listening');
        },
        (error: unknown) => {
          if (this.#closed) return;
          this.log.warn('db.listen_retry_failed', { attempt: this.#attempt, error: describePgError(error) });
          this.#scheduleReconnect();
        },
      );
    }, delay);
    // A retry alone must not keep a stopping process alive.
    this.#retry.unref();
  }

  #emit(state: ListenState): void {
    for (const watcher of this.#watchers) {
      try {
        watcher(state);
      } catch (error) {
        this.log.error('db.listen_watcher_failed', { error });
      }
    }
  }
}
