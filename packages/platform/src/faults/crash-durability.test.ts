import { createHash } from 'node:crypto';
import { cp, readdir, readFile, rm, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type DurableStorage,
  type PlatformProcess,
  pgliteStorage,
  platformProcess,
  postgresStorage,
} from '../testing/platform-process.ts';
import { recordFigures, sized } from '../testing/stress.ts';
import { checkAfterCrash, checkSettled, type Expected } from './crash-check.ts';
import { saveStream } from './save-stream.ts';

/**
 * Issue 15, "Crash durability": `main.ts` as its own process takes a stream of saves
 * (creates, and replacements with If-Match, all with an Idempotency-Key), is SIGKILLed in the
 * middle of it and started again on the same data. Short: one crash; full: many, each after a
 * random number of answered saves, every earlier crash's projects checked again after each.
 */
const CRASHES = sized(1, 12);
const WORKERS = sized(4, 8);
const postgresUrl = process.env.DATABASE_URL;

function suite(kind: DurableStorage['kind'], title: string, enabled: boolean) {
  describe.runIf(enabled)(title, () => {
    let storage: DurableStorage | undefined;
    let platform: PlatformProcess | undefined;
    const settled: { user: string; projects: Expected[] }[] = [];
    afterAll(async () => {
      await platform?.close();
      await storage?.dispose();
    });

    it(
      'SIGKILL mid-stream: every save answered 2xx is there after the restart, none applied twice, each unanswered one applies once when replayed with its key',
      async () => {
        storage = kind === 'pglite' ? await pgliteStorage() : postgresStorage(postgresUrl ?? '');
        platform = await platformProcess(storage);
        await platform.start();
        const totals = { answered: 0, unanswered: 0, unansweredCommitted: 0, restartMs: [] as number[] };
        const findings: string[] = [];
        for (let crash = 0; crash < CRASHES; crash++) {
          const user = `crash-${crash}`;
          const stream = saveStream(platform.url, await platform.userToken(user), {
            prefix: `c${crash}`,
            workers: WORKERS,
          });
          // Somewhere in the stream, not at a round number: 20 to 60 answered saves (short),
          // 50 to 400 (full).
          const after = sized(20, 50) + Math.floor(Math.random() * sized(40, 350));
          while (stream.answered() < after) {
            const stopped = await Promise.race([
              stream.done.then(() => true),
              new Promise<false>((r) => setTimeout(() => r(false), 20)),
            ]);
            if (stopped) break;
          }
          await platform.kill();
          const records = await stream.done;
          const started = Date.now();
          await platform.start();
          totals.restartMs.push(Date.now() - started);
          const token = await platform.userToken(user);
          const outcome = await checkAfterCrash(platform.url, token, records);
          findings.push(...outcome.findings.map((f) => `crash ${crash}: ${f}`));
          totals.answered += outcome.answered;
          totals.unanswered += outcome.unanswered;
          totals.unansweredCommitted += outcome.unansweredCommitted;
          // Nothing of an earlier crash's settled state moved.
          for (const earlier of settled) {
            const again = await checkSettled(
              platform.url,
              await platform.userToken(earlier.user),
              earlier.projects,
            );
            findings.push(...again.map((f) => `crash ${crash}, earlier ${earlier.user}: ${f}`));
          }
          settled.push({ user, projects: outcome.settled });
          expect(outcome.answered, 'the stream saved before the kill').toBeGreaterThanOrEqual(20);
        }
        const restarts = [...totals.restartMs].sort((a, b) => a - b);
        recordFigures(`crash-durability-${kind}`, {
          crashes: CRASHES,
          workers: WORKERS,
          answered: totals.answered,
          unanswered: totals.unanswered,
          unansweredCommitted: totals.unansweredCommitted,
          projects: settled.reduce((n, s) => n + s.projects.length, 0),
          restartMsMedian: restarts[Math.floor(restarts.length / 2)],
          restartMsMax: restarts.at(-1),
          findings,
        });
        expect(findings).toEqual([]);
        // The kill landed mid-stream: some worker had a save in flight.
        expect(totals.unanswered).toBeGreaterThanOrEqual(CRASHES);
      },
      sized(240_000, 3_600_000),
    );

    it.runIf(kind === 'pglite')(
      'a damaged data folder: the platform refuses to start with data_dir_damaged, says how to recover and changes nothing; the copy taken while stopped brings every project back',
      async () => {
        if (!platform || !storage?.options.dataDir) throw new Error('the crash test did not run');
        const dataDir = storage.options.dataDir;
        expect(await platform.stop(), 'a clean stop').toBe(0);
        const backup = `${dataDir}.backup`;
        await cp(dataDir, backup, { recursive: true });
        const damages: Record<string, () => Promise<void>> = {
          'pg_control emptied': () => truncate(join(dataDir, 'global/pg_control')),
          'WAL segments removed': async () => {
            for (const f of await readdir(join(dataDir, 'pg_wal'))) {
              if (/^[0-9A-F]{24}$/.test(f)) await rm(join(dataDir, 'pg_wal', f));
            }
          },
        };
        for (const [damage, apply] of Object.entries(damages)) {
          await rm(dataDir, { recursive: true });
          await cp(backup, dataDir, { recursive: true });
          await apply();
          const before = await folderDigest(dataDir);
          const failure = await platform.start().then(
            () => 'started',
            (error: unknown) => String(error),
          );
          expect(failure, damage).toContain('exited (1) before logging platform.listening');
          expect(failure, damage).toContain(
            `planner platform: [data_dir_damaged] The embedded database in ${dataDir}`,
          );
          expect(failure, damage).toContain('README.md#a-damaged-data-folder');
          expect(failure, damage).toContain(`mv ${dataDir} ${dataDir}.damaged`);
          expect(await folderDigest(dataDir), `${damage}: the failed start changed nothing`).toBe(before);
        }
        // The README's recovery: the copy taken while stopped.
        await rm(dataDir, { recursive: true });
        await cp(backup, dataDir, { recursive: true });
        await platform.start();
        for (const earlier of settled) {
          expect(
            await checkSettled(platform.url, await platform.userToken(earlier.user), earlier.projects),
          ).toEqual([]);
        }
      },
      120_000,
    );
  });
}

/**
 * Every file's path and bytes, hashed: equal when nothing in the folder changed. PostgreSQL's
 * own lock file is left out: the failed attempt leaves one, as a killed process does.
 */
async function folderDigest(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile() && e.name !== 'postmaster.pid')
    .map((e) => join(e.parentPath, e.name))
    .sort();
  for (const file of files) hash.update(`${file}\0`).update(await readFile(file));
  return hash.digest('hex');
}

// PGlite in the platform project; PostgreSQL in the postgres-only one (see vitest.config.ts).
suite('pglite', 'crash durability on PGlite (own data folder)', !postgresUrl);
suite('postgres', '[PostgreSQL only] crash durability on PostgreSQL (own schema)', Boolean(postgresUrl));
