import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

export interface BalancerOptions {
  port: number;
  /** HAProxy's statistics page (`/stats`, `/stats;csv`): each instance's state as the balancer sees it. */
  statsPort: number;
  backends: { name: string; port: number }[];
  /** The route the balancer probes: `/readyz` (ready for traffic) where the platform has it. */
  healthPath: string;
}

/**
 * How often HAProxy probes an instance, how long one probe may take, and after how many failed
 * probes it sends it nothing.
 */
export const HEALTH_CHECK = { intervalMs: 500, timeoutMs: 3_000, fall: 2, rise: 2 };

/**
 * The most requests HAProxy hands one instance at once; the rest wait in HAProxy's queue
 * (`timeout queue`). An instance is CPU-bound with a pool of 10 connections: more in flight
 * only lengthens its queue, and with it the time its `/readyz` answer waits behind them.
 */
export const SERVER_MAXCONN = 16;

/** Debian's `haproxy` (apt-get install haproxy), or the first one on PATH. */
export function findHaproxy(): string | undefined {
  const candidates = [
    '/usr/sbin/haproxy',
    ...(process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'haproxy')),
  ];
  return candidates.find((file) => existsSync(file));
}

/**
 * The balancer's configuration. Why each setting:
 * - the probe every 500 ms, down after 2 failures, up after 2 successes: a draining instance
 *   (`/readyz` 503) gets no new requests within about a second, a restarted one comes back
 *   once it answers;
 * - `timeout check 3s`: without it a probe times out after `inter` (500 ms), and a busy
 *   instance's `/readyz` waits that long behind the requests it is serving: under load HAProxy
 *   marked a healthy instance down ("Layer7 timeout"), and with one instance answered 503 to
 *   everything (bench/scale-out.ts, docs/scale-out.md). A slow answer is not a failed one; a
 *   hung instance is still down within fall × (inter + timeout), about 7 s;
 * - `maxconn` per server: the instance gets at most that many requests at once, so its
 *   `/readyz` answer waits behind a bounded queue; the others wait in HAProxy's;
 * - `observe layer4`: a refused connection marks the instance down at once, without waiting
 *   for the probe (a killed process);
 * - `retries` with `redispatch`: a request whose connection was refused goes to another
 *   instance. HAProxy retries only connection failures here (its default `retry-on`): the
 *   request never reached a platform, so nothing can be applied twice. A request that was
 *   sent and lost its answer (a crash mid-request) is answered 502, as it must be: only its
 *   client can know whether to retry it (with its Idempotency-Key);
 * - `http-server-close`: one backend connection per request, so a stopping instance is
 *   never handed a request on a kept-alive connection it is closing;
 * - `forwardfor`: the platform sees the client's address (run it with PLANNER_TRUST_PROXY=1).
 */
export function haproxyConfig({ port, statsPort, backends, healthPath }: BalancerOptions): string {
  return `global
  maxconn 4096
  log stderr format raw daemon info

defaults
  mode http
  log global
  option httplog
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  timeout http-request 10s
  timeout queue 10s
  timeout check ${HEALTH_CHECK.timeoutMs}ms
  retries 3
  option redispatch 1
  option http-server-close
  option forwardfor

frontend stats
  bind 127.0.0.1:${statsPort}
  stats enable
  stats uri /stats
  stats refresh 5s

frontend planner_platform
  bind 127.0.0.1:${port}
  default_backend platform_instances

backend platform_instances
  balance roundrobin
  option httpchk GET ${healthPath}
  http-check expect status 200
  default-server check inter ${HEALTH_CHECK.intervalMs}ms fastinter 250ms downinter 500ms rise ${HEALTH_CHECK.rise} fall ${HEALTH_CHECK.fall} maxconn ${SERVER_MAXCONN} observe layer4 error-limit 1 on-error mark-down
${backends.map((b) => `  server ${b.name} 127.0.0.1:${b.port}`).join('\n')}
`;
}

export interface Balancer {
  url: string;
  statsUrl: string;
  /** Each instance's state as the balancer sees it now (`UP`, `DOWN`, `UP 1/2`, …), by name. */
  states(): Promise<Record<string, string>>;
  close(): Promise<void>;
}

/** Runs HAProxy in the foreground on its configuration (written to `file`; its log lines go to `logFile`) until close(). */
export async function startHaproxy(
  binary: string,
  file: string,
  logFile: string,
  options: BalancerOptions,
): Promise<Balancer> {
  await writeFile(file, haproxyConfig(options));
  const check = spawn(binary, ['-c', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  const checkErrors = await collect(check);
  if (checkErrors.code !== 0) throw new Error(`haproxy refused ${file}: ${checkErrors.output}`);

  const child = spawn(binary, ['-db', '-f', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  const log = createWriteStream(logFile, { flags: 'a' });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log.write(chunk);
    output = (output + chunk.toString('utf8')).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => log.end(() => resolve())));
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haproxy exited at start: ${output}`);
    try {
      const response = await fetch(`${url}${options.healthPath}`, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      if (response.ok) break;
    } catch {
      // Not bound yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`haproxy answered no ${options.healthPath} in time: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const statsUrl = `http://127.0.0.1:${options.statsPort}/stats`;
  return {
    url,
    statsUrl,
    states: () => backendStates(statsUrl),
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

function collect(child: ChildProcess): Promise<{ code: number | null; output: string }> {
  let output = '';
  const append = (chunk: Buffer) => {
    output += chunk.toString('utf8');
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

/** Reads the instances' states from HAProxy's CSV statistics (`pxname,svname,…,status,…`). */
async function backendStates(statsUrl: string): Promise<Record<string, string>> {
  const response = await fetch(`${statsUrl};csv`, { signal: AbortSignal.timeout(2_000) });
  const [header, ...rows] = (await response.text()).trim().split('\n');
  const columns = (header ?? '').replace(/^# /, '').split(',');
  const at = (name: string) => columns.indexOf(name);
  const states: Record<string, string> = {};
  for (const row of rows) {
    const cells = row.split(',');
    const server = cells[at('svname')];
    if (cells[at('pxname')] === 'platform_instances' && server && server !== 'BACKEND') {
      states[server] = cells[at('status')] ?? 'unknown';
    }
  }
  return states;
}
