import { randomUUID } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../testing/db-faults.ts';
import { type SpawnedPlatform, spawnPlatform } from '../testing/spawned-platform.ts';
import { startTestPlatform, TEST_ADMIN_TOKEN } from '../testing/test-platform.ts';
import { silentLogger } from '../util/log.ts';
import { shutdown } from './shutdown.ts';

/** Whether a new TCP connection to `url` is refused (the listening socket is closed). */
function refused(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

/**
 * An admin request whose body the test sends in two halves: in flight from the moment the
 * server has read its headers (`100 Continue` proves it) until the test sends the rest.
 */
async function slowRequest(url: string) {
  const body = JSON.stringify({ services: ['reporting'] });
  const req = http.request(`${url}/admin/api/legal-entities/${randomUUID()}/subscription`, {
    method: 'PUT',
    agent: false,
    headers: {
      Authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
      'Content-Type': 'application/json',
      'Content-Length': String(Buffer.byteLength(body)),
      Expect: '100-continue',
    },
  });
  const answer = new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>(
    (resolve, reject) => {
      req.once('response', (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => {
          text += c;
        });
        res.once('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
        res.once('error', reject);
      });
      req.once('error', reject);
    },
  );
  // Kept from being unhandled until the test awaits it (a cut request rejects).
  answer.catch(() => {});
  await new Promise<void>((resolve) => req.once('continue', () => resolve()));
  req.write(body.slice(0, 10));
  return { answer, finish: () => req.end(body.slice(10)) };
}

// A fresh process opens a fresh database: PGlite alone takes tens of seconds on a loaded machine.
describe('SIGTERM on a running platform process', { timeout: 180_000 }, () => {
  let running: SpawnedPlatform | undefined;
  afterEach(async () => {
    await running?.cleanup();
    running = undefined;
  });

  it('refuses new connections, finishes the request under way, closes storage, exits 0', async () => {
    running = await spawnPlatform({ PLANNER_METRICS_PORT: '0' });
    const { url } = running;
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    // The separate metrics listener, as PLANNER_METRICS_PORT asks: no token needed there.
    const metricsUrl = String((await running.logged('platform.metrics_listening')).url);
    expect(new URL(metricsUrl).hostname).toBe('127.0.0.1');
    expect(await (await fetch(metricsUrl)).text()).toContain('planner_http_requests_total{');
    const slow = await slowRequest(url);

    running.child.kill('SIGTERM');
    await running.logged('platform.draining');
    let isRefused = false;
    await until(
      () => isRefused,
      'the listening socket to close',
      30_000,
      async () => {
        isRefused = await refused(url);
      },
    );
    // The process is still there, waiting for the request under way.
    expect(running.child.exitCode).toBeNull();

    slow.finish();
    const answer = await slow.answer;
    // Answered from the database (the pool was still open): the legal entity does not exist.
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'not_found' });
    expect(answer.headers.connection).toBe('close');

    expect(await running.exited).toBe(0);
    expect(await refused(metricsUrl)).toBe(true);
    const events = running.lines.map((l) => (JSON.parse(l) as { event: string }).event);
    expect(events.indexOf('platform.stopped')).toBeGreaterThan(events.indexOf('platform.draining'));
    expect(events).not.toContain('platform.requests_cut');
    expect(running.stderr()).toBe('');
  });

  it('cuts a request that outlasts the grace, then still exits 0', async () => {
    running = await spawnPlatform({ PLANNER_SHUTDOWN_GRACE_MS: '300' });
    const slow = await slowRequest(running.url);
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    // The server cut the socket mid-request: Node's client reports a hang-up, not an answer.
    await expect(slow.answer).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(await running.logged('platform.requests_cut')).toMatchObject({ count: 1, grace_ms: 300 });
  });
});

describe('shutdown() with a drain delay', { timeout: 120_000 }, () => {
  it('answers /readyz 503 at once while it still serves, then stops when hurried', async () => {
    const tp = await startTestPlatform();
    const hurry = new AbortController();
    const done = shutdown(
      tp.platform,
      [tp.server],
      { drainDelayMs: 600_000, shutdownGraceMs: 5_000 },
      silentLogger,
      hurry.signal,
    );
    try {
      const ready = await fetch(`${tp.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'not_ready', reason: 'draining' });
      // Still serving during the delay: the balancer has not taken the instance out yet.
      expect((await fetch(`${tp.url}/.well-known/jwks.json`)).status).toBe(200);
    } finally {
      hurry.abort();
      await done;
    }
    expect(await refused(tp.url)).toBe(true);
    await tp.server.close();
  });
});
