import { createHmac, randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { CLIENT_ASSERTION_TYPE } from '../schemas/tokens.ts';
import type { HostKey } from '../testing/platform-process.ts';
import type { SpawnedPlatform } from '../testing/spawned-platform.ts';
import { paramsHash } from '../tokens/client-assertion.ts';
import { saveBody } from './save-stream.ts';

export type RequestKind = 'token' | 'catalog' | 'save';

export interface KindResult {
  connections: number;
  requests: number;
  /** Answers not 2xx, by status. */
  statuses: Record<string, number>;
  non2xx: number;
  /** Socket errors and time-outs (autocannon counts a time-out among its errors). */
  errors: number;
  /** Of those, requests unanswered within the 30 s time-out. */
  timeouts: number;
  p50: number;
  p99: number;
  max: number;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A client assertion signed in the load generator's own loop (HS256 with node:crypto, which is
 * synchronous): each token request needs a fresh `jti`, refused on replay.
 */
export function tokenRequestBody(url: string, key: HostKey, userId: string): string {
  const params = { kind: 'user' as const, user_id: userId, scope: 'read write', lifetime: 900 };
  const now = Math.floor(Date.now() / 1000);
  const signing = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({
    iss: key.id,
    sub: key.id,
    aud: `${url}/v1/tokens`,
    jti: randomUUID(),
    iat: now,
    exp: now + 30,
    params_sha256: paramsHash(params),
  })}`;
  const signature = createHmac('sha256', key.secretKey).update(signing).digest('base64url');
  return JSON.stringify({
    ...params,
    client_assertion_type: CLIENT_ASSERTION_TYPE,
    client_assertion: `${signing}.${signature}`,
  });
}

/** One connection's project; `sent` while a save is unanswered (a timed-out one stays so). */
type Context = { id?: string | undefined; version?: number; sent?: boolean };

/** The requests one connection cycles through, per kind. */
function requestsOf(kind: RequestKind, url: string, key: HostKey, token: string): autocannon.Request[] {
  const auth = { authorization: `Bearer ${token}` };
  if (kind === 'token') {
    return [
      {
        method: 'POST',
        path: '/v1/tokens',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({
          ...req,
          body: tokenRequestBody(url, key, `load-${randomUUID().slice(0, 8)}`),
        }),
      },
    ];
  }
  if (kind === 'catalog') {
    return [
      { method: 'GET', path: '/v1/catalog', headers: auth },
      { method: 'GET', path: '/v1/catalog?q=sofa&limit=20', headers: auth },
    ];
  }
  // A save is what the planner does: create a project, then replace it with If-Match.
  const remember = (status: number, body: string, context: Context) => {
    context.sent = false;
    if (status >= 200 && status < 300) {
      const project = JSON.parse(body) as { id: string; version: number };
      context.id = project.id;
      context.version = project.version;
    } else context.id = undefined;
  };
  const setupCreate = (req: autocannon.Request, context: Context): autocannon.Request => {
    context.id = undefined;
    context.sent = true;
    return {
      ...req,
      headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify(saveBody(`load-${randomUUID().slice(0, 8)}`, 1)),
    };
  };
  const create: autocannon.Request = {
    method: 'POST',
    path: '/v1/projects',
    setupRequest: setupCreate,
    onResponse: remember,
  };
  // Without a project known for sure (its save timed out, failed, or was never answered), the
  // connection creates one instead: a PUT to no project or a stale version would count a
  // 404 or 412 that only the load generator caused.
  const update: autocannon.Request = {
    method: 'PUT',
    setupRequest: (req, context: Context) => {
      if (context.id === undefined || context.sent) {
        return setupCreate({ ...req, method: 'POST', path: '/v1/projects' }, context);
      }
      context.sent = true;
      return {
        ...req,
        path: `/v1/projects/${context.id}`,
        headers: {
          ...auth,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
          'if-match': `"v${context.version}"`,
        },
        body: JSON.stringify(saveBody(`load-${context.id.slice(0, 8)}`, (context.version ?? 0) + 1)),
      };
    },
    onResponse: remember,
  };
  return [create, update, update, update];
}

/** One kind's autocannon run; the three kinds run at once, so each meets the others' load. */
export async function runKind(
  kind: RequestKind,
  options: { url: string; key: HostKey; token: string; connections: number; seconds: number },
): Promise<KindResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    timeout: 30,
    requests: requestsOf(kind, options.url, options.key, options.token),
  });
  const statuses: Record<string, number> = {};
  for (const [status, { count }] of Object.entries(result.statusCodeStats ?? {})) {
    if (!status.startsWith('2')) statuses[status] = count ?? 0;
  }
  return {
    connections: options.connections,
    requests: result.requests.total,
    statuses,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
  };
}

export interface MemorySample {
  at: number;
  rssMiB: number;
  heapUsedMiB: number;
}

/** The platform's own memory, from its Prometheus listener (prom-client's process metrics). */
export async function sampleMemory(metricsUrl: string): Promise<MemorySample> {
  const text = await (await fetch(metricsUrl)).text();
  const metric = (name: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    if (!line) throw new Error(`${name} not in /metrics`);
    return Number(line.split(' ')[1]) / 2 ** 20;
  };
  return {
    at: Date.now(),
    rssMiB: metric('planner_process_resident_memory_bytes'),
    heapUsedMiB: metric('planner_nodejs_heap_size_used_bytes'),
  };
}

/** The preload that gives a platform process `heapAfterGc` (with `--expose-gc`). */
export const GC_PROBE = new URL('../testing/gc-probe.mjs', import.meta.url).pathname;

/**
 * The platform's heap after a full garbage collection: what it keeps, not what it has not
 * yet collected. Needs the process started with `--expose-gc --import GC_PROBE`.
 */
export async function heapAfterGc(
  running: SpawnedPlatform,
): Promise<{ heapUsedMiB: number; rssMiB: number }> {
  const probes = () => running.lines.filter((l) => l.includes('"gc.probe"')).length;
  const before = probes();
  running.child.kill('SIGUSR2');
  const deadline = Date.now() + 30_000;
  while (probes() === before) {
    if (Date.now() > deadline) throw new Error('no gc.probe line within 30 s');
    await new Promise((r) => setTimeout(r, 20));
  }
  const line = JSON.parse(running.lines.filter((l) => l.includes('"gc.probe"')).at(-1) ?? '{}') as {
    heap_used_bytes?: number;
    rss_bytes?: number;
    error?: string;
  };
  if (line.heap_used_bytes === undefined || line.rss_bytes === undefined) {
    throw new Error(`gc probe: ${line.error ?? 'no figures'}`);
  }
  return { heapUsedMiB: line.heap_used_bytes / 2 ** 20, rssMiB: line.rss_bytes / 2 ** 20 };
}
