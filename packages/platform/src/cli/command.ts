import type { ParseArgsConfig } from 'node:util';
import type { MasterKey } from '../crypto/master-key.ts';
import type { Database } from '../db/database.ts';
import type { OperationContext } from '../operations/operation-context.ts';
import type { Logger } from '../util/log.ts';

export interface CliContext {
  /** Opens the configured store (and master key) on first use. */
  open(): Promise<{ db: Database; master: MasterKey }>;
  env: NodeJS.ProcessEnv;
  /** The audit log: the same JSON lines a running platform writes, on stderr. */
  log: Logger;
}

/** The result of a command: data for `--json`, and the same for people. */
export interface Output {
  json: unknown;
  text: string;
}

export interface Command {
  /** Words that select it, e.g. `api-key create`. */
  name: string;
  summary: string;
  usage: string;
  /** More for `--help`: what it does beyond the summary, and its risks. */
  details?: string;
  options?: ParseArgsConfig['options'];
  /** Names of positional arguments, in order. */
  positionals?: string[];
  run(ctx: CliContext, args: { values: Record<string, unknown>; positionals: string[] }): Promise<Output>;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly code = 'usage';
}

/** A `--<name>` option in whole seconds; undefined when absent. */
export const seconds = (value: unknown, name: string): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new UsageError(`--${name} takes a whole number of seconds.`);
  return n;
};

/**
 * The store opened, as the context of a business operation the admin API runs too: the CLI
 * calls the same operations modules, so both write the same audit line and announcement.
 * No `invalidate`: the CLI caches nothing, and every running instance hears the NOTIFY.
 */
export async function cliOperations(ctx: CliContext): Promise<OperationContext> {
  const { db, master } = await ctx.open();
  return { db, master, log: ctx.log, now: Date.now, actor: 'cli' };
}
