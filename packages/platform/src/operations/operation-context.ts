import type { MasterKey } from '../crypto/master-key.ts';
import type { Database } from '../db/database.ts';
import { announce, type RevocationEvent } from '../tokens/revocation-events.ts';
import type { Logger } from '../util/log.ts';

/** Who asked for a change: every audit line says which. */
export type Actor = 'admin_api' | 'cli';

/**
 * Where an operation runs, and who asked. The admin API passes its `Services` (spread)
 * with `actor: 'admin_api'`; the CLI its opened store with `actor: 'cli'`.
 */
export interface OperationContext {
  db: Database;
  master: MasterKey;
  log: Logger;
  now: () => number;
  actor: Actor;
  /**
   * Drops this process's cached state about a revoked credential at once. A running
   * instance passes its own; the CLI has no caches. Every other instance hears the NOTIFY.
   */
  invalidate?: (event: RevocationEvent) => void;
}

/**
 * The one audit line of an operation, the same from the admin API and the CLI but for `by`,
 * so an operator's log reads alike whichever was used.
 */
export const audit = (ctx: OperationContext, event: string, fields: Record<string, unknown>): void =>
  ctx.log.info(event, { ...fields, by: ctx.actor });

/** Tells this instance at once, and every other one by NOTIFY on the revocation channel. */
export async function broadcast(ctx: OperationContext, event: RevocationEvent): Promise<void> {
  ctx.invalidate?.(event);
  await announce(ctx.db, event);
}
