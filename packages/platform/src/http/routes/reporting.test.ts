import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  authed,
  consumerFor,
  onboardBackend,
  postForm,
  standardToken,
  startTestPlatform,
  type TestPlatform,
  tokenFor,
} from '../../testing/test-platform.ts';

const DAY = 86_400;
let tp: TestPlatform;
let shop: Awaited<ReturnType<typeof onboardBackend>>;

beforeAll(async () => {
  tp = await startTestPlatform();
  // A fixed start (noon UTC), so that the days of the report are known.
  tp.clock.ms = Date.parse('2025-03-10T12:00:00Z');
  shop = await onboardBackend(tp, { name: 'Reported Shop' });
});
afterAll(() => tp.close());

const key = () => ({ id: shop.apiKey.id, secretKey: shop.apiKey.secretKey });
const report = async (token: string, query = '') => {
  const res = await fetch(`${tp.url}/v1/reporting/usage${query}`, authed(token));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const project = (
  token: string,
  method = 'POST',
  path = '/v1/projects',
  headers: Record<string, string> = {},
) =>
  fetch(
    `${tp.url}${path}`,
    authed(token, {
      method,
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ name: 'Room', room: { width_cm: 300, depth_cm: 300, unit: 'cm' }, items: [] }),
    }),
  );

describe('GET /v1/reporting/usage', () => {
  it("reports the legal entity's usage per day: tokens by kind, projects, active users", async () => {
    // Day 1 (2025-03-10): two users get tokens, one saves a project twice; a legal-entity token.
    const ann = await tokenFor(tp, key(), { kind: 'user', user_id: 'ann', scope: 'read write' });
    await tokenFor(tp, key(), { kind: 'user', user_id: 'ben' });
    await tokenFor(tp, key(), { kind: 'legal_entity' });
    const created = await project(ann);
    const { id } = (await created.json()) as { id: string };
    expect((await project(ann, 'PUT', `/v1/projects/${id}`, { 'If-Match': '"v1"' })).status).toBe(200);
    expect((await project(ann, 'PUT', `/v1/projects/${id}`, { 'If-Match': '"v2"' })).status).toBe(200);
    await admin(tp, 'POST', `/backend-profiles/${shop.profile.id}/static-token`);

    // Day 2: an OAuth consumer (a third user) and a back-end's standard token; ann is back.
    tp.clock.advance(DAY);
    const consumer = await consumerFor(tp, shop.legalEntity.id, 'cat', 'read write');
    const oauth = await postForm(tp, '/oauth/token', {
      grant_type: 'password',
      username: consumer.consumerKey,
      password: consumer.consumerSecret,
    });
    const { access_token } = (await oauth.json()) as { access_token: string };
    expect((await project(access_token)).status).toBe(201);
    const annAgain = await tokenFor(tp, key(), { kind: 'user', user_id: 'ann' });
    expect((await fetch(`${tp.url}/v1/projects`, authed(annAgain))).status).toBe(200);
    const backend = await standardToken(tp, shop.profile.accessKey);

    const { status, body } = await report(backend, '?from=2025-03-09&to=2025-03-11');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      legal_entity: { id: shop.legalEntity.id, name: 'Reported Shop' },
      from: '2025-03-09',
      to: '2025-03-11',
      days: [
        {
          date: '2025-03-09',
          tokens_issued: { legal_entity: 0, user: 0, backend_standard: 0, backend_static: 0, oauth: 0 },
          projects_created: 0,
          projects_saved: 0,
          active_users: 0,
        },
        {
          date: '2025-03-10',
          tokens_issued: { legal_entity: 1, user: 2, backend_standard: 0, backend_static: 1, oauth: 0 },
          projects_created: 1,
          projects_saved: 2,
          active_users: 2,
        },
        {
          date: '2025-03-11',
          tokens_issued: { legal_entity: 0, user: 1, backend_standard: 1, backend_static: 0, oauth: 1 },
          projects_created: 1,
          projects_saved: 0,
          active_users: 2,
        },
      ],
      totals: {
        tokens_issued: { legal_entity: 1, user: 3, backend_standard: 1, backend_static: 1, oauth: 1 },
        projects_created: 2,
        projects_saved: 2,
        active_users: 3,
      },
    });
  });

  it("defaults to the 30 days up to today, and counts only the caller's legal entity", async () => {
    const otherShop = await onboardBackend(tp, { name: 'Quiet Shop', services: ['reporting'] });
    const token = await standardToken(tp, otherShop.profile.accessKey);
    const { body } = await report(token);
    const days = body.days as { date: string; tokens_issued: { backend_standard: number } }[];
    expect(days).toHaveLength(30);
    expect(body.to).toBe('2025-03-11');
    expect(days.at(-1)!.tokens_issued.backend_standard).toBe(1);
    expect((body.totals as { projects_created: number }).projects_created).toBe(0);
  });

  it.each([
    ['?from=2025-03-12&to=2025-03-11', 'after'],
    ['?from=2023-01-01&to=2025-03-11', '366'],
    ['?from=2025-02-30', 'date'],
    ['?to=yesterday', 'YYYY-MM-DD'],
  ])('refuses a bad range %s', async (query, word) => {
    const token = await standardToken(tp, shop.profile.accessKey);
    const { status, body } = await report(token, query);
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_request');
    expect(body.error_description).toContain(word);
  });
});
