import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { sep } from 'node:path';
import pg from 'pg';
import { configDefaults, defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { SlowFirstSequencer } from './src/testing/slow-first-sequencer.ts';

/** The tests that need a real PostgreSQL server (several instances, dropped connections): titled so. */
const POSTGRES_ONLY = /\[PostgreSQL only\]/;
/**
 * The files holding such tests, found by their title rather than kept by hand: a new
 * `[PostgreSQL only]` test can never be left out of the PostgreSQL project (and so skipped
 * without a word).
 */
const POSTGRES_ONLY_FILES = readdirSync(new URL('./src/', import.meta.url), { recursive: true })
  .map(String)
  .filter((file) => file.endsWith('.test.ts'))
  .map((file) => `src/${file.split(sep).join('/')}`)
  .filter((file) => readFileSync(new URL(`./${file}`, import.meta.url), 'utf8').includes('[PostgreSQL only]'))
  .sort();
const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** Whether a PostgreSQL answers at `url` within a short while. */
async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * With DATABASE_URL every test runs on that PostgreSQL. Without it they run on PGlite, and
 * the PostgreSQL-only ones run as well, on PLANNER_TEST_DATABASE_URL (default: the machine's
 * 127.0.0.1:5432/test), whenever a server answers there; when none does, the run says so.
 * PLANNER_TEST_DATABASE_URL=off skips them without asking.
 */
async function postgresOnlyProject(): Promise<TestProjectInlineConfiguration[]> {
  if (process.env.DATABASE_URL) return [];
  const url = process.env.PLANNER_TEST_DATABASE_URL || DEFAULT_URL;
  if (url !== 'off' && (await answers(url))) {
    return [
      {
        extends: true,
        test: {
          name: 'postgres-only',
          include: POSTGRES_ONLY_FILES,
          // Honoured per project at run time (checked: the file's other tests are skipped),
          // though vitest's project type leaves it out.
          ...({ testNamePattern: POSTGRES_ONLY } as object),
          env: { DATABASE_URL: url },
        },
      },
    ];
  }
  const where = url === 'off' ? 'PLANNER_TEST_DATABASE_URL=off' : `no PostgreSQL answered at ${redact(url)}`;
  if ((globalThis as { plannerPgWarned?: boolean }).plannerPgWarned) return [];
  (globalThis as { plannerPgWarned?: boolean }).plannerPgWarned = true;
  console.warn(
    `\n[platform] PostgreSQL-only tests SKIPPED (${where}). Start one there, or set PLANNER_TEST_DATABASE_URL.\n`,
  );
  return [];
}

/**
 * The files that measure latencies or load the platform on purpose (the timing side channel,
 * the bounded-load run): next to another file they measure that one too, and a heavy
 * neighbour made them time out. They run after the others, one at a time, as they did
 * before the other files ran two at a time.
 */
const ALONE = ['src/http/fuzz/timing.test.ts', 'src/faults/load.test.ts'];

/** `project` without the ALONE files, and a project of its ALONE files run after it, one at a time. */
function withAlone(project: TestProjectInlineConfiguration): TestProjectInlineConfiguration[] {
  const test = project.test ?? {};
  const include = test.include ?? [];
  const alone = include.some((pattern) => pattern.includes('*'))
    ? ALONE
    : ALONE.filter((file) => include.includes(file));
  return [
    { ...project, test: { ...test, exclude: [...configDefaults.exclude, ...ALONE] } },
    ...(alone.length === 0
      ? []
      : [
          {
            ...project,
            test: {
              ...test,
              name: `${test.name} (alone)`,
              include: alone,
              maxWorkers: 1,
              sequence: { groupOrder: 1 },
            },
          },
        ]),
  ];
}

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

// Each test file opens a real database (PGlite takes seconds on a busy 2-core machine) and
// the CLI tests start processes: generous hook and test time-outs, no retries.
export default defineConfig(async () => ({
  test: {
    // One fresh PGlite database per run, copied by each test file instead of its own initdb.
    globalSetup: ['src/testing/pglite-template-setup.ts'],
    hookTimeout: 60_000,
    testTimeout: 30_000,
    // Vitest leaves a core to itself (cores - 1 workers: one on the 2-core machine), yet a file
    // spends much of its time waiting on processes it started, timers and sockets: a file per
    // core keeps them all busy. Each file has its own database, ports and folders.
    maxWorkers: availableParallelism(),
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      { extends: true as const, test: { name: 'platform', include: ['src/**/*.test.ts'] } },
      ...(await postgresOnlyProject()),
    ].flatMap(withAlone),
  },
}));
