import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { tcpProxy } from '@planner/platform/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../processes.ts';
import { PlatformInstance } from './instance.ts';
import {
  REVOCATION_KINDS,
  type RevocationCase,
  type RevocationKind,
  revocationCases,
} from './revocation-cases.ts';
import { clusterTestSetting, eventually, startTestCluster, type TestCluster } from './testing.ts';

const setting = await clusterTestSetting('cluster-revocation.test.ts');
/** Issue 10: a revocation is refused on every instance within a second. */
const PROPAGATION_BOUND_MS = 1_000;
/** The instances' revocation epoch poll (PLANNER_REVOCATION_POLL_MS), the fallback when NOTIFY is lost. */
const POLL_MS = 1_000;
/** 6 kinds × 9 = 54 revocations (issue 10: at least 50). */
const ROUNDS = 9;

interface Target {
  name: string;
  url: string;
}

/** Nearest rank: the smallest value with at least p % of them at or below it. */
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
};
const ms = (x: number) => `${x.toFixed(0)} ms`;

/**
 * Issue 10, "Prove it": every kind of revocation made on one of three platform processes is
 * refused by each of them, asked directly, and through HAProxy, within a second; and still
 * within the poll's bound when the instances' LISTEN connections are killed.
 */
describe.runIf(setting.run)('[PostgreSQL + HAProxy] revocations reach every instance', () => {
  let t: TestCluster;
  let targets: Target[];
  let prepare: Awaited<ReturnType<typeof revocationCases>>;
  beforeAll(async () => {
    t = await startTestCluster(setting.databaseUrl, { PLANNER_REVOCATION_POLL_MS: String(POLL_MS) });
    targets = [
      ...t.cluster.instances.map((i) => ({ name: i.options.name, url: i.url })),
      { name: 'balancer', url: t.cluster.urls.balancer },
    ];
    prepare = await revocationCases(t);
  }, 120_000);
  afterAll(() => t?.close(), 60_000);

  /** Every target accepts the credential (and so has it cached): a refusal afterwards is the revocation's doing. */
  async function acceptedEverywhere(c: RevocationCase) {
    // Through the balancer once per instance behind it (round robin), and each instance twice.
    const urls = [
      ...targets.flatMap((x) => [x.url, x.url]),
      ...t.cluster.instances.map(() => t.cluster.urls.balancer),
    ];
    const statuses = await Promise.all(urls.map((url) => c.probe(url)));
    expect(statuses, `${c.kind} before its revocation`).toEqual(urls.map(() => 200));
  }

  /**
   * Revokes; per target, ms from sending the revocation to its first refusal (fails past
   * `boundMs`), and when the revocation was answered (the rest is the propagation proper).
   */
  async function propagation(
    c: RevocationCase,
    boundMs: number,
  ): Promise<{ times: number[]; answered: number }> {
    const start = performance.now();
    await c.revoke();
    const answered = performance.now() - start;
    const times = await Promise.all(
      targets.map(async (target) => {
        for (;;) {
          const status = await c.probe(target.url);
          const elapsed = performance.now() - start;
          if (status !== 200) {
            expect(status, `${c.kind} on ${target.name}`).toBe(c.refused);
            return elapsed;
          }
          if (elapsed > boundMs)
            throw new Error(`${c.kind} still accepted by ${target.name} ${ms(elapsed)} after its revocation`);
          await new Promise((r) => setTimeout(r, 5));
        }
      }),
    );
    return { times, answered };
  }

  /** And it stays refused: on each instance, and on every instance behind the balancer. */
  async function refusedEverywhere(c: RevocationCase) {
    const urls = [...targets.map((x) => x.url), ...t.cluster.instances.map(() => t.cluster.urls.balancer)];
    expect(await Promise.all(urls.map((url) => c.probe(url))), `${c.kind} after`).toEqual(
      urls.map(() => c.refused),
    );
  }

  it(`refuses each of the six kinds on every instance and through the balancer within 1 s; p50/p99 over ${6 * ROUNDS} revocations`, async () => {
    const byTarget: Record<string, number[]> = Object.fromEntries(targets.map((x) => [x.name, []]));
    const byKind = Object.fromEntries(REVOCATION_KINDS.map((k) => [k, [] as number[]])) as Record<
      RevocationKind,
      number[]
    >;
    /** Per revocation, when the last of the four targets refused it: "refused on every instance". */
    const everywhere: number[] = [];
    /** The same, from the revocation's answer: what NOTIFY and the caches take. */
    const afterAnswer: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const kind of REVOCATION_KINDS) {
        const c = await prepare(kind, round * REVOCATION_KINDS.length + REVOCATION_KINDS.indexOf(kind));
        await acceptedEverywhere(c);
        const { times, answered } = await propagation(c, PROPAGATION_BOUND_MS);
        await refusedEverywhere(c);
        afterAnswer.push(Math.max(...times) - answered);
        for (const [i, time] of times.entries()) byTarget[targets[i]!.name]!.push(time);
        everywhere.push(Math.max(...times));
        byKind[kind].push(Math.max(...times));
      }
    }
    expect(everywhere).toHaveLength(6 * ROUNDS);
    const summary = (values: number[]) =>
      `p50 ${ms(percentile(values, 50))}, p99 ${ms(percentile(values, 99))}, max ${ms(Math.max(...values))}`;
    console.info(
      [
        `[stack] revocation propagation, ${everywhere.length} revocations (6 kinds × ${ROUNDS}) on 3 processes behind HAProxy, from sending the revocation:`,
        `  refused by all four targets: ${summary(everywhere)}`,
        `  the same from the revocation's answer: ${summary(afterAnswer)}`,
        ...targets.map((x) => `  ${x.name}: ${summary(byTarget[x.name]!)}`),
        ...REVOCATION_KINDS.map((k) => `  ${k}: ${summary(byKind[k])}`),
      ].join('\n'),
    );
    expect(percentile(everywhere, 99)).toBeLessThan(PROPAGATION_BOUND_MS);
    // No instance needed the poll: NOTIFY did it.
    for (const instance of t.cluster.instances) {
      expect(await readFile(instance.options.logFile, 'utf8'), instance.options.name).not.toContain(
        '"event":"revocations.missed"',
      );
    }
  }, 300_000);

  it('refuses every kind within the poll bound after the instances’ LISTEN connections are killed, and they listen again', async () => {
    const cases: RevocationCase[] = [];
    for (const [n, kind] of REVOCATION_KINDS.entries()) cases.push(await prepare(kind, 1000 + n));
    for (const c of cases) await acceptedEverywhere(c);
    const logLength = await Promise.all(
      t.cluster.instances.map(async (i) => (await readFile(i.options.logFile, 'utf8')).length),
    );

    const killed = await terminateListeners();
    // Each instance's, and the provisioning platform's in this process.
    expect(killed).toBeGreaterThanOrEqual(t.cluster.instances.length);
    const times: number[] = [];
    for (const c of cases) {
      times.push(Math.max(...(await propagation(c, POLL_MS + PROPAGATION_BOUND_MS)).times));
      await refusedEverywhere(c);
    }
    console.info(
      `[stack] revocation propagation with the LISTEN connections killed (poll ${POLL_MS} ms): ${REVOCATION_KINDS.map(
        (k, i) => `${k} ${ms(times[i]!)}`,
      ).join(', ')}`,
    );
    // Every instance noticed, and is back on NOTIFY.
    for (const [i, instance] of t.cluster.instances.entries()) {
      const log = (await readFile(instance.options.logFile, 'utf8')).slice(logLength[i]);
      expect(log, instance.options.name).toContain('"event":"db.listen_lost"');
    }
    for (const [i, instance] of t.cluster.instances.entries()) {
      await eventually(`${instance.options.name} LISTENs again`, async () =>
        (await readFile(instance.options.logFile, 'utf8'))
          .slice(logLength[i])
          .includes('"event":"db.listen_restored"')
          ? true
          : undefined,
      );
    }
    expect(await listeners()).toBeGreaterThanOrEqual(t.cluster.instances.length);
    const after = await prepare('static_token', 2000);
    await acceptedEverywhere(after);
    expect(Math.max(...(await propagation(after, PROPAGATION_BOUND_MS)).times)).toBeLessThan(
      PROPAGATION_BOUND_MS,
    );
  }, 120_000);

  it('a fourth process whose LISTEN connection goes deaf without a word refuses every kind within the poll bound', async () => {
    // Its database connections pass through a proxy that can stop one from delivering anything,
    // as a half-open connection or a pooler that lost the LISTEN would: only the poll can tell.
    const target = new URL(setting.databaseUrl);
    const proxy = await tcpProxy(target.hostname, Number(target.port || 5432));
    const viaProxy = new URL(setting.databaseUrl);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const deaf = new PlatformInstance({
      name: 'platform-deaf',
      port: await freePort(),
      env: { ...t.cluster.env, DATABASE_URL: viaProxy.toString() },
      logFile: join(dirname(t.cluster.instances[0]!.options.logFile), 'platform-deaf.log'),
    });
    try {
      await deaf.start();
      const cases: RevocationCase[] = [];
      for (const [n, kind] of REVOCATION_KINDS.entries()) cases.push(await prepare(kind, 3000 + n));
      expect(proxy.silence(/listen "planner_revocations"/i)).toBe(1);
      const times: number[] = [];
      for (const c of cases) {
        // Cached right before (the poll's last catch emptied the caches): only the poll can
        // make the process refuse it now.
        expect([await c.probe(deaf.url), await c.probe(deaf.url)], c.kind).toEqual([200, 200]);
        const start = performance.now();
        await c.revoke();
        for (;;) {
          const status = await c.probe(deaf.url);
          const elapsed = performance.now() - start;
          if (status !== 200) {
            expect(status, c.kind).toBe(c.refused);
            times.push(elapsed);
            break;
          }
          if (elapsed > 2 * POLL_MS + PROPAGATION_BOUND_MS)
            throw new Error(
              `${c.kind} still accepted by the deaf process ${ms(elapsed)} after its revocation`,
            );
          await new Promise((r) => setTimeout(r, 5));
        }
      }
      console.info(
        `[stack] revocation propagation to a process with a deaf LISTEN connection, by the epoch poll (${POLL_MS} ms): ${REVOCATION_KINDS.map(
          (k, i) => `${k} ${ms(times[i]!)}`,
        ).join(', ')}`,
      );
      const log = await readFile(deaf.options.logFile, 'utf8');
      expect(log).toContain('"event":"revocations.missed"');
      // It never noticed the connection was gone: the poll alone did it.
      expect(log).not.toContain('"event":"db.listen_lost"');
    } finally {
      await deaf.close();
      await proxy.stop();
    }
  }, 120_000);

  const sessions = `from pg_stat_activity where query ilike 'listen%' and application_name = $1`;
  async function query<T extends pg.QueryResultRow>(text: string): Promise<T[]> {
    const client = new pg.Client({ connectionString: setting.databaseUrl });
    await client.connect();
    try {
      return (await client.query<T>(text, [`planner:${t.cluster.schema}`])).rows;
    } finally {
      await client.end();
    }
  }
  /** Terminates every LISTEN backend of the cluster's schema; how many. */
  const terminateListeners = async () =>
    (await query<{ done: boolean }>(`select pg_terminate_backend(pid) as done ${sessions}`)).filter(
      (r) => r.done,
    ).length;
  const listeners = async () =>
    Number((await query<{ n: string }>(`select count(*) as n ${sessions}`))[0]?.n ?? 0);
});
