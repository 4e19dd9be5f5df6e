/** The one seam between the platform and its SQL store (PostgreSQL dialect only). */
export interface Queryable {
  query<R extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export type ListenState = 'lost' | 'listening';

/** What a database can tell about its connections (PostgreSQL's pool; PGlite has none). */
export interface PoolStats {
  /** Open connections, in use or idle. */
  total: number;
  idle: number;
  /** Queries waiting for a connection: above zero, the pool is the bottleneck. */
  waiting: number;
  max: number;
}

export interface Database extends Queryable {
  /** Runs `fn` in a transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Subscribes to a notification channel (LISTEN/NOTIFY), so that every instance sharing a
   * PostgreSQL server hears about revocations at once. Returns the unsubscribe function.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  /**
   * Tells when notifications may have been missed: `'lost'` when the listening connection
   * broke, `'listening'` once it is back and listening on every channel again. Returns the
   * unsubscribe function. An embedded database never loses them, so never calls it.
   */
  watchListen(onChange: (state: ListenState) => void): () => void;
  close(): Promise<void>;
  /** The connection pool's state now; undefined where there is no pool (PGlite). */
  poolStats?(): PoolStats;
  readonly kind: 'pglite' | 'postgres';
}
