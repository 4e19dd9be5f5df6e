import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../processes.ts';
import { type Balancer, findHaproxy, HEALTH_CHECK, SERVER_MAXCONN, startHaproxy } from './haproxy.ts';

const haproxy = findHaproxy();
if (!haproxy)
  console.warn('\n[stack] haproxy.test.ts SKIPPED: no haproxy installed (apt-get install haproxy).\n');

/** A busy instance's `/readyz`: slower than HAProxy's old implicit probe timeout (`inter`), well within the set one. */
const SLOW_READYZ_MS = 2 * HEALTH_CHECK.intervalMs;
const CLIENTS = 4 * SERVER_MAXCONN;

/**
 * The scale-out bench's 503 step (docs/scale-out.md): one instance under load answered its
 * probes late, HAProxy took that for a failure and marked the only instance down. A stand-in
 * instance that is slow to answer, but always answers, must stay up and get every request.
 */
describe.runIf(haproxy)('HAProxy in front of a busy instance', () => {
  let dir: string;
  let backend: Server;
  let balancer: Balancer;
  let inFlight = 0;
  let mostInFlight = 0;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'planner-haproxy-test-'));
    backend = createServer((request, response) => {
      if (request.url === '/readyz') {
        setTimeout(() => response.end('{"status":"ready"}'), SLOW_READYZ_MS);
        return;
      }
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      setTimeout(() => {
        inFlight--;
        response.end('ok');
      }, 50);
    });
    const port = await freePort();
    await new Promise<void>((resolve) => backend.listen(port, '127.0.0.1', resolve));
    balancer = await startHaproxy(haproxy!, join(dir, 'haproxy.cfg'), join(dir, 'haproxy.log'), {
      port: await freePort(),
      statsPort: await freePort(),
      backends: [{ name: 'platform-1', port }],
      healthPath: '/readyz',
    });
  }, 30_000);
  afterAll(async () => {
    await balancer?.close();
    backend?.closeAllConnections();
    await new Promise((resolve) => backend?.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps a slow-to-probe instance up and queues what exceeds its maxconn, failing no request', async () => {
    const statuses: Record<number, number> = {};
    // Long enough for several probes (each one slower than the old 500 ms limit).
    const until = Date.now() + (HEALTH_CHECK.fall + 1) * (HEALTH_CHECK.intervalMs + SLOW_READYZ_MS);
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (Date.now() < until) {
          const response = await fetch(`${balancer.url}/work`);
          await response.body?.cancel();
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        }
      }),
    );
    const log = await readFile(join(dir, 'haproxy.log'), 'utf8');
    expect(log.split('\n').filter((line) => / is DOWN/.test(line))).toEqual([]);
    expect(Object.keys(statuses)).toEqual(['200']);
    expect(statuses[200]).toBeGreaterThan(CLIENTS);
    expect(await balancer.states()).toEqual({ 'platform-1': 'UP' });
    // The instance never had more at once than HAProxy is told to hand it; the rest queued.
    expect(mostInFlight).toBe(SERVER_MAXCONN);
  }, 30_000);
});
