import { readdir } from 'node:fs/promises';
import type { Queryable } from '../db/database.ts';

const MIGRATIONS_DIR = new URL('../../migrations/', import.meta.url);

/** Why an instance should get no traffic; stable, so that alerts and dashboards can match it. */
export type NotReadyReason = 'draining' | 'database_unreachable' | 'migrations_pending';

export type ReadinessResult = { ready: true } | { ready: false; reason: NotReadyReason };

/** A probe that hangs is worse than one that fails: the balancer's check times out on its own clock. */
const DEFAULT_PROBE_TIMEOUT_MS = 2_000;

/**
 * Whether this instance should be sent requests (`/readyz`): not while it drains for a shutdown,
 * not while its database does not answer, not before every migration this build ships is applied
 * (another instance may still be migrating a shared database).
 */
export class Readiness {
  #draining = false;
  #migrations: Promise<string[]> | undefined;

  constructor(
    private readonly db: Queryable,
    private readonly probeTimeoutMs = DEFAULT_PROBE_TIMEOUT_MS,
  ) {}

  get draining(): boolean {
    return this.#draining;
  }

  /** From now on `/readyz` answers 503, so the balancer stops sending new requests here. */
  startDraining(): void {
    this.#draining = true;
  }

  async check(): Promise<ReadinessResult> {
    if (this.#draining) return { ready: false, reason: 'draining' };
    this.#migrations ??= shippedMigrations();
    const expected = await this.#migrations;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.probeTimeoutMs);
    });
    try {
      const applied = await Promise.race([
        this.db
          .query<{ n: number }>(
            'select count(*)::int as n from schema_migrations where name = any($1::text[])',
            [expected],
          )
          .then((rows) => Number(rows[0]?.n ?? 0)),
        timeout,
      ]);
      if (applied === 'timeout') return { ready: false, reason: 'database_unreachable' };
      if (applied < expected.length) return { ready: false, reason: 'migrations_pending' };
      // Draining may have started while the query ran.
      return this.#draining ? { ready: false, reason: 'draining' } : { ready: true };
    } catch (error) {
      // undefined_table: no migration has run on this database yet.
      const pending = (error as { code?: unknown }).code === '42P01';
      return { ready: false, reason: pending ? 'migrations_pending' : 'database_unreachable' };
    } finally {
      clearTimeout(timer);
    }
  }
}

async function shippedMigrations(): Promise<string[]> {
  return (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).sort();
}
