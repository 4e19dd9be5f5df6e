import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authed,
  basic,
  consumerFor,
  makeAssertion,
  onboardHost,
  postForm,
  requestToken,
  startTestPlatform,
  TEST_ADMIN_TOKEN,
  type TestPlatform,
  tokenFor,
} from '../../testing/test-platform.ts';

let tp: TestPlatform;
let host: Awaited<ReturnType<typeof onboardHost>>;
const key = () => ({ id: host.apiKey.id, secretKey: host.apiKey.secretKey });
beforeAll(async () => {
  tp = await startTestPlatform();
  host = await onboardHost(tp);
});
afterAll(() => tp.close());

type Line = Record<string, unknown> & { event: string };
const linesOf = (requestId: string): Line[] =>
  tp.logs.map((l) => JSON.parse(l) as Line).filter((l) => l.request_id === requestId);

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = '00f067aa0ba902b7';
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

describe('request ids and trace context', () => {
  it('gives a request without ids a new request id and a new trace, in the answer and its log line', async () => {
    const res = await fetch(`${tp.url}/healthz`);
    const id = res.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const [, traceId, spanId, flags] = TRACEPARENT.exec(res.headers.get('traceparent') ?? '')!;
    expect(flags).toBe('00');
    const [line] = linesOf(id);
    expect(line).toMatchObject({
      event: 'http.request',
      route: '/healthz',
      trace_id: traceId,
      span_id: spanId,
    });
  });

  it("keeps the caller's request id and trace id, answering with a span of its own", async () => {
    const requestId = 'shop-req-42';
    const token = await tokenFor(tp, key(), { kind: 'user', user_id: 'ann' });
    const res = await fetch(
      `${tp.url}/v1/me`,
      authed(token, { headers: { 'X-Request-Id': requestId, traceparent: `00-${TRACE_ID}-${PARENT}-01` } }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe(requestId);
    const [, traceId, spanId, flags] = TRACEPARENT.exec(res.headers.get('traceparent') ?? '')!;
    expect(traceId).toBe(TRACE_ID);
    expect(spanId).not.toBe(PARENT);
    expect(flags).toBe('01');
    expect(linesOf(requestId)).toEqual([
      expect.objectContaining({
        event: 'http.request',
        trace_id: TRACE_ID,
        span_id: spanId,
        parent_span_id: PARENT,
      }),
    ]);
  });

  it('names the request on every line written while it is served, not only the access line', async () => {
    const requestId = 'token-request-1';
    const params = { kind: 'user' as const, user_id: 'ben' };
    const res = await fetch(`${tp.url}/v1/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Request-Id': requestId },
      body: JSON.stringify({
        ...params,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: await makeAssertion(tp, key(), params),
      }),
    });
    expect(res.status).toBe(200);
    const events = linesOf(requestId).map((l) => l.event);
    expect(events).toEqual(['token.issued', 'http.request']);
  });

  it.each([
    ['an all-zero trace id', `00-${'0'.repeat(32)}-${PARENT}-01`],
    ['an all-zero parent span', `00-${TRACE_ID}-${'0'.repeat(16)}-01`],
    ['version ff', `ff-${TRACE_ID}-${PARENT}-01`],
    ['version 00 with an extra field', `00-${TRACE_ID}-${PARENT}-01-extra`],
    ['upper-case hex', `00-${TRACE_ID.toUpperCase()}-${PARENT}-01`],
    ['garbage', 'hello'],
  ])('starts a new trace instead of a traceparent with %s', async (_, traceparent) => {
    const res = await fetch(`${tp.url}/healthz`, { headers: { traceparent } });
    const [, traceId] = TRACEPARENT.exec(res.headers.get('traceparent') ?? '')!;
    expect(traceId).not.toBe(TRACE_ID);
    expect(traceId).not.toMatch(/^0+$/);
  });

  it('accepts a later trace-context version, keeping its trace id', async () => {
    const res = await fetch(`${tp.url}/healthz`, {
      headers: { traceparent: `01-${TRACE_ID}-${PARENT}-01-more` },
    });
    expect(res.headers.get('traceparent')).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`));
  });

  it.each([
    ['too long', 'x'.repeat(65)],
    ['with spaces', 'a b'],
    ['with quotes', 'a"b'],
  ])('replaces a request id %s by its own', async (_, requestId) => {
    const res = await fetch(`${tp.url}/healthz`, { headers: { 'X-Request-Id': requestId } });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lets the planner read both headers across origins', async () => {
    const res = await fetch(`${tp.url}/v1/catalog`, { headers: { Origin: 'http://127.0.0.1:5999' } });
    const exposed = res.headers.get('access-control-expose-headers')?.toLowerCase() ?? '';
    expect(exposed).toContain('x-request-id');
    expect(exposed).toContain('traceparent');
    const preflight = await fetch(`${tp.url}/v1/me`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://127.0.0.1:5999',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization, traceparent',
      },
    });
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('traceparent');
  });
});

describe('logs of requests that carry credentials', () => {
  it('never contain the credential, whichever way it came', async () => {
    const token = await tokenFor(tp, key(), { kind: 'user', user_id: 'cleo', scope: 'read write' });
    const params = { kind: 'legal_entity' as const };
    const assertion = await makeAssertion(tp, key(), params);
    const consumer = await consumerFor(tp, host.legalEntity.id, 'cleo');
    const secrets = [token, assertion, host.apiKey.secretKey, consumer.consumerSecret, TEST_ADMIN_TOKEN];
    const before = tp.logs.length;

    await fetch(`${tp.url}/v1/me`, authed(token));
    await fetch(`${tp.url}/v1/me?access_token=${token}`);
    await fetch(`${tp.url}/v1/me`, { headers: { 'X-Request-Id': host.apiKey.secretKey.slice(0, 64) } });
    await requestToken(tp, key(), params, assertion);
    await requestToken(tp, key(), params, assertion); // a replay: refused and logged
    await postForm(
      tp,
      '/oauth/token',
      { grant_type: 'client_credentials' },
      {
        Authorization: basic(consumer.consumerKey, consumer.consumerSecret),
      },
    );
    await postForm(tp, '/oauth/token', {
      grant_type: 'client_credentials',
      client_id: consumer.consumerKey,
      client_secret: `${consumer.consumerSecret}x`,
    });
    await fetch(`${tp.url}/metrics`, { headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    await fetch(`${tp.url}/admin/api/legal-entities`, {
      headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}x` },
    });

    const written = tp.logs.slice(before);
    expect(written.filter((l) => l.includes('"http.request"')).length).toBeGreaterThanOrEqual(9);
    for (const secret of secrets) {
      for (const line of written) expect(line).not.toContain(secret);
    }
    // The HMAC key's id is no secret, and says whose request it was.
    expect(written.some((l) => l.includes(host.apiKey.id))).toBe(true);
  });
});
