import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The proof suites run short in the test command and in full under `pnpm stress`
 * (STRESS=full). Their figures go to PLANNER_STRESS_OUT, which `scripts/stress.mjs` turns
 * into docs/reliability.md.
 */
export const STRESS_FULL = process.env.STRESS === 'full';

/** `short` in the test command, `full` under `pnpm stress`. */
export const sized = (short: number, full: number) => (STRESS_FULL ? full : short);

/** Writes a suite's figures for the report; a no-op outside `pnpm stress`. */
export function recordFigures(name: string, figures: unknown): void {
  const dir = process.env.PLANNER_STRESS_OUT;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, `${name}.json`),
    `${JSON.stringify({ name, mode: STRESS_FULL ? 'full' : 'short', at: new Date().toISOString(), figures }, null, 2)}\n`,
  );
}
