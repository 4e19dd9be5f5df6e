import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTokenClient } from '@planner/host/server';
import { createApiKey, createLegalEntity, createLogger } from '@planner/platform';
import autocannon from 'autocannon';
import pg from 'pg';
import { type Cluster, startCluster } from './cluster.ts';

export interface ScaleOutOptions {
  databaseUrl: string;
  /** Instance counts to measure, each on a fresh cluster (default 1, 2, 3). */
  steps?: number[];
  /** Seconds of load per step (default 10). */
  seconds?: number;
  /** autocannon connections (default 50). */
  connections?: number;
  log?: (line: string) => void;
}

export interface StepResult {
  instances: number;
  requests: number;
  /** Requests answered per second, from our own clock (first request to last answer). */
  rps: number;
  non2xx: number;
  /** Answers by HTTP status (a non-2xx share names its cause). */
  statuses: Record<string, number>;
  errors: number;
  p50: number;
  p99: number;
  /** CPU over the load, % of one core (200 % = both cores of this machine). */
  cpu: {
    instances: number[];
    postgres: number;
    /** How many PostgreSQL backends served the instances. */
    postgresBackends: number;
    haproxy: number;
    loadGenerator: number;
  };
  /** Each instance's resident memory after the load, MiB. */
  rssMiB: number[];
  loadAverage: number[];
  /** HAProxy's server state changes during the step (`Server platform_instances/platform-1 is DOWN, reason: …`). */
  balancerEvents: string[];
}

/** One step's request mix: three catalog reads (JWT-guarded) to one token issuance. */
const CATALOG_PER_TOKEN = 3;

/**
 * Measures 1, 2 and 3 platform instances behind HAProxy on PostgreSQL (one schema per step,
 * dropped after) under a bounded autocannon load, sampling each process's CPU during the run.
 */
export async function measureScaleOut(options: ScaleOutOptions): Promise<StepResult[]> {
  const steps = options.steps ?? [1, 2, 3];
  const results: StepResult[] = [];
  for (const instances of steps) results.push(await measureStep(instances, options));
  return results;
}

async function measureStep(instances: number, options: ScaleOutOptions): Promise<StepResult> {
  const log = options.log ?? (() => {});
  const seconds = options.seconds ?? 10;
  const connections = options.connections ?? 50;
  const dataDir = await mkdtemp(join(tmpdir(), 'planner-scale-out-'));
  const schema = `scale_${randomUUID().replace(/-/g, '')}`;
  // The platform names its connections `planner:<schema>`: that tells the instances' backends
  // (and their CPU) from the other users of a shared PostgreSQL.
  const appName = `planner:${schema}`;
  let cluster: Cluster | undefined;
  try {
    cluster = await startCluster({
      dataDir,
      databaseUrl: options.databaseUrl,
      schema,
      dropSchema: true,
      build: false,
      instances,
      log: createLogger({ level: 'error' }),
      env: {
        // The measurement is of throughput, not of the limiter: one key asks for thousands of tokens.
        PLANNER_RATE_LIMIT_TOKEN_REQUESTS: '10000000/60',
      },
    });
    const { db, master } = cluster.admin.services;
    const entity = await createLegalEntity(db, { name: 'Scale Shop', origins: ['http://127.0.0.1:5999'] });
    const key = await createApiKey(db, master, entity.id, 'scale-out');
    const url = cluster.urls.balancer;
    const client = createTokenClient({ platformUrl: url, keyId: key.id, secretKey: key.secretKey });
    const token = (await client.legalEntityToken()).access_token;

    // Each token request needs an assertion of its own (fresh jti, refused on replay), signed
    // by the host's real token client: signed ahead so the load generator's loop stays synchronous.
    const budget = Math.ceil((seconds * 1500 * instances) / (CATALOG_PER_TOKEN + 1)) + connections;
    const bodies = await signedTokenBodies(url, key.id, key.secretKey, budget);
    let next = 0;

    const catalog = {
      method: 'GET' as const,
      path: '/v1/catalog',
      headers: { authorization: `Bearer ${token}` },
    };
    const issue = {
      method: 'POST' as const,
      path: '/v1/tokens',
      headers: { 'content-type': 'application/json' },
      setupRequest: (request: Record<string, unknown>) => ({
        ...request,
        body: bodies[next++ % bodies.length],
      }),
    };
    const warm = await fetch(`${url}/v1/catalog`, { headers: catalog.headers });
    await warm.body?.cancel();

    const pids = {
      instances: cluster.instances.map((i) => i.pid ?? 0),
      haproxy: await haproxyPid(dataDir),
    };
    let pgPids: number[] = [];
    const before = new Map<number, number>();
    const sample = async () => {
      pgPids = await backendPids(options.databaseUrl, appName);
      for (const pid of [...pids.instances, pids.haproxy, ...pgPids]) before.set(pid, await cpuTicks(pid));
    };
    const started = performance.now();
    const ownCpu = process.cpuUsage();
    let sampledAt = 0;
    // The pool opens its connections under load: the backends are read once it runs (1 s in,
    // or a quarter of a short run).
    const sampling = new Promise<void>((resolve) =>
      setTimeout(
        () => {
          sampledAt = performance.now();
          void sample().then(resolve, resolve);
        },
        Math.min(1000, seconds * 250),
      ),
    );
    let lastAnswer = started;
    const result = await autocannon({
      url,
      connections,
      duration: seconds,
      requests: [...Array.from({ length: CATALOG_PER_TOKEN }, () => catalog), issue],
      setupClient: (c: { on(event: string, listener: () => void): void }) =>
        c.on('response', () => {
          lastAnswer = performance.now();
        }),
    } as autocannon.Options);
    const ended = performance.now();
    await sampling;
    const own = process.cpuUsage(ownCpu);
    const window = (ended - sampledAt) / 1000;
    const cpuOf = async (pid: number) =>
      (((await cpuTicks(pid)) - (before.get(pid) ?? 0)) / TICKS / window) * 100;
    const instanceCpu = await Promise.all(pids.instances.map(cpuOf));
    let postgres = 0;
    for (const pid of pgPids) postgres += await cpuOf(pid);
    const step: StepResult = {
      instances,
      requests: result.requests.total,
      rps: result.requests.total / ((lastAnswer - started) / 1000),
      non2xx: result.non2xx,
      statuses: Object.fromEntries(
        Object.entries(result.statusCodeStats ?? {}).map(([status, { count }]) => [status, count ?? 0]),
      ),
      errors: result.errors + result.timeouts,
      p50: result.latency.p50,
      p99: result.latency.p99,
      cpu: {
        instances: instanceCpu,
        postgres,
        postgresBackends: pgPids.length,
        haproxy: await cpuOf(pids.haproxy),
        loadGenerator: ((own.user + own.system) / 1000 / (ended - started)) * 100,
      },
      rssMiB: await Promise.all(pids.instances.map(rssMiB)),
      loadAverage: loadavg(),
      balancerEvents: [],
    };
    log(
      `${instances} instance(s): ${step.rps.toFixed(0)} req/s, p50 ${step.p50} ms, p99 ${step.p99} ms, non-2xx ${step.non2xx} (${JSON.stringify(step.statuses)}), errors ${step.errors}`,
    );
    // What the balancer saw: every server state change (a DOWN under load names its reason),
    // and on any non-2xx the first answers other than 200. The log goes with the step's folder.
    const balancerLog = (await readFile(join(dataDir, 'logs', 'haproxy.log'), 'utf8').catch(() => '')).split(
      '\n',
    );
    // Each change is logged twice (a warning, and the log line): the log line alone.
    step.balancerEvents = balancerLog.filter((line) => /^Server \S+ is (DOWN|UP)/.test(line));
    const downs = step.balancerEvents.filter((line) => / is DOWN/.test(line));
    if (downs.length > 0)
      log(`HAProxy marked a server down ${downs.length} time(s):\n${downs.slice(0, 8).join('\n')}`);
    if (step.non2xx > 0) {
      const notable = balancerLog.filter(
        (line) => line.trim() && !/ 200 /.test(line) && !/Server \S+ is /.test(line),
      );
      log(
        `HAProxy log, ${notable.length} lines other than 200, first ones:\n${notable.slice(0, 8).join('\n')}`,
      );
    }
    return step;
  } finally {
    await cluster?.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Linux's clock ticks per second (USER_HZ), what /proc/<pid>/stat counts CPU time in. */
const TICKS = 100;

/** utime + stime of a process, in ticks (0 once it is gone). */
async function cpuTicks(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces) start at ")"; utime, stime are 14, 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kib / 1024;
}

/** The HAProxy serving this cluster: the one whose command line names its configuration in `dataDir`. */
async function haproxyPid(dataDir: string): Promise<number> {
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes('haproxy') && cmdline.includes(join(dataDir, 'haproxy.cfg'))) return Number(entry);
  }
  return 0;
}

/** The PostgreSQL backends serving the instances (named by PGAPPNAME). */
async function backendPids(databaseUrl: string, appName: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'select pid from pg_stat_activity where application_name = $1',
      [appName],
    );
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

/**
 * `count` request bodies for `POST /v1/tokens`, each with its own assertion, made by the host's
 * token client itself (its fetch keeps the body and answers a stand-in token, sending nothing).
 */
async function signedTokenBodies(
  url: string,
  keyId: string,
  secretKey: string,
  count: number,
): Promise<string[]> {
  const bodies: string[] = [];
  const capture = createTokenClient({
    platformUrl: url,
    keyId,
    secretKey,
    fetch: async (_input, init) => {
      bodies.push(String(init?.body));
      return Response.json({ access_token: 'unsent', token_type: 'Bearer', expires_in: 60, scope: 'read' });
    },
  });
  for (let i = 0; i < count; i++) await capture.legalEntityToken({ lifetime: 60 });
  return bodies;
}

/** The results as a Markdown table, with each step's ratio against one instance (else the first step). */
export function scaleOutTable(results: StepResult[]): string {
  const base = (results.find((r) => r.instances === 1) ?? results[0])?.rps ?? 1;
  const n = (x: number) => x.toFixed(0);
  const rows = results.map((r) =>
    [
      r.instances,
      n(r.rps),
      `${(r.rps / base).toFixed(2)}×`,
      r.p50,
      r.p99,
      `${r.non2xx} / ${r.errors}`,
      r.cpu.instances.map(n).join(' + '),
      `${n(r.cpu.postgres)} (${r.cpu.postgresBackends} backends)`,
      n(r.cpu.haproxy),
      n(r.cpu.loadGenerator),
      r.rssMiB.map(n).join(', '),
      r.loadAverage.map((l) => l.toFixed(1)).join(' '),
    ].join(' | '),
  );
  return [
    '| instances | req/s | vs 1 | p50 ms | p99 ms | non-2xx / errors | CPU % instances | CPU % PostgreSQL | CPU % HAProxy | CPU % load gen. | RSS MiB after | load avg |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r} |`),
  ].join('\n');
}
