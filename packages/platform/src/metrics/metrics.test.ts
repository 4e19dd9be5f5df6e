import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { terminateBackends, until } from '../testing/db-faults.ts';
import { sample } from '../testing/prometheus.ts';
import {
  authed,
  onboardHost,
  startTestPlatform,
  TEST_ADMIN_TOKEN,
  type TestPlatform,
  tokenFor,
} from '../testing/test-platform.ts';
import { type MetricsServer, serveMetrics } from './metrics-server.ts';

let tp: TestPlatform;
let key: { id: string; secretKey: string };
beforeAll(async () => {
  tp = await startTestPlatform();
  const host = await onboardHost(tp);
  key = { id: host.apiKey.id, secretKey: host.apiKey.secretKey };
});
afterAll(() => tp.close());

const scrape = async () => {
  const res = await fetch(`${tp.url}/metrics`, { headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
  expect(res.status).toBe(200);
  return res.text();
};

describe('GET /metrics on the main listener', () => {
  it('is refused without the operator token, and does not exist without an admin API', async () => {
    const none = await fetch(`${tp.url}/metrics`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: string }).error).toBe('invalid_token');
    const wrong = await fetch(`${tp.url}/metrics`, {
      headers: { Authorization: 'Bearer adm_wrong-token-0000000000000000' },
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain('planner_http_requests_total');

    const closed = await startTestPlatform({ adminToken: undefined });
    try {
      const res = await fetch(`${closed.url}/metrics`, {
        headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      });
      expect(res.status).toBe(404);
    } finally {
      await closed.close();
    }
  });

  it('answers the operator in the Prometheus text format, never cached', async () => {
    const res = await fetch(`${tp.url}/metrics`, {
      headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toContain('# TYPE planner_http_requests_total counter');
  });
});

describe('each metric moves when its event happens', () => {
  it('counts requests by route pattern and status, never the raw path, with their latency', async () => {
    const token = await tokenFor(tp, key, { kind: 'user', user_id: 'ann', scope: 'read write' });
    const id = randomUUID();
    const before = await scrape();
    expect((await fetch(`${tp.url}/v1/projects/${id}`, authed(token))).status).toBe(404);
    expect((await fetch(`${tp.url}/v1/me`, authed(token))).status).toBe(200);
    expect((await fetch(`${tp.url}/no-such-route-${id}`)).status).toBe(404);
    const after = await scrape();
    const moved = (name: string, labels: Record<string, string>) =>
      sample(after, name, labels) - sample(before, name, labels);
    expect(
      moved('planner_http_requests_total', { route: '/v1/projects/:id', status: '404', method: 'GET' }),
    ).toBe(1);
    expect(moved('planner_http_requests_total', { route: '/v1/me', status: '200' })).toBe(1);
    expect(moved('planner_http_requests_total', { route: 'unmatched', status: '404' })).toBe(1);
    expect(moved('planner_http_request_duration_seconds_count', { route: '/v1/me' })).toBe(1);
    expect(moved('planner_http_request_duration_seconds_bucket', { route: '/v1/me', le: '+Inf' })).toBe(1);
    expect(after).not.toContain(id);
  });

  it('counts tokens issued by kind, verified-token cache misses then hits, and auth failures by reason', async () => {
    const before = await scrape();
    const token = await tokenFor(tp, key, { kind: 'user', user_id: 'ben' });
    await tokenFor(tp, key, { kind: 'legal_entity' });
    expect((await fetch(`${tp.url}/v1/me`, authed(token))).status).toBe(200); // verified: a miss
    expect((await fetch(`${tp.url}/v1/me`, authed(token))).status).toBe(200); // cached: a hit
    expect((await fetch(`${tp.url}/v1/me`, authed('not-a-token'))).status).toBe(401);
    const after = await scrape();
    const moved = (name: string, labels: Record<string, string>) =>
      sample(after, name, labels) - sample(before, name, labels);
    expect(moved('planner_tokens_issued_total', { kind: 'user' })).toBe(1);
    expect(moved('planner_tokens_issued_total', { kind: 'legal_entity' })).toBe(1);
    expect(moved('planner_verified_token_cache_total', { result: 'miss' })).toBe(1);
    expect(moved('planner_verified_token_cache_total', { result: 'hit' })).toBe(1);
    expect(moved('planner_auth_failures_total', { reason: 'invalid_token' })).toBe(1);

    const assertion = await fetch(`${tp.url}/v1/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        kind: 'legal_entity',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: 'eyJhbGciOiJIUzI1NiJ9.e30.x',
      }),
    });
    expect(assertion.status).toBe(401);
    const later = await scrape();
    expect(sample(later, 'planner_auth_failures_total') - sample(after, 'planner_auth_failures_total')).toBe(
      1,
    );
  });

  it.runIf(process.env.DATABASE_URL)('[PostgreSQL only] reports the PostgreSQL pool', async () => {
    const text = await scrape();
    expect(sample(text, 'planner_db_pool_connections', { state: 'max' })).toBe(10);
    expect(sample(text, 'planner_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
    expect(text).toContain('planner_db_pool_connections{state="waiting"}');
  });

  it.runIf(process.env.DATABASE_URL)(
    '[PostgreSQL only] counts a reconnect of the LISTEN connection, listening again after it',
    async () => {
      const before = sample(await scrape(), 'planner_notification_reconnects_total');
      expect(sample(await scrape(), 'planner_notification_listening')).toBe(1);
      const killed = await terminateBackends(process.env.DATABASE_URL!, `planner:${tp.options.schema}`);
      expect(killed).toBeGreaterThan(0);
      let text = '';
      await until(
        () => sample(text, 'planner_notification_reconnects_total') === before + 1,
        'the LISTEN connection to come back',
        30_000,
        async () => {
          text = await tp.platform.services.metrics.registry.metrics();
        },
      );
      expect(sample(text, 'planner_notification_listening')).toBe(1);
    },
  );
});

describe('the separate metrics listener (PLANNER_METRICS_PORT)', () => {
  let server: MetricsServer;
  beforeAll(async () => {
    server = await serveMetrics(tp.platform.services.metrics, 0);
  });
  afterAll(() => server.close());

  it('serves GET /metrics on 127.0.0.1 without a token, and nothing else', async () => {
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('planner_http_requests_total');
    expect((await fetch(`${server.url}/v1/me`)).status).toBe(404);
    expect((await fetch(`${server.url}/metrics`, { method: 'POST' })).status).toBe(404);
  });
});
