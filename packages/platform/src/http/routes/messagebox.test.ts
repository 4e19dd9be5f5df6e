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

let tp: TestPlatform;
let shop: Awaited<ReturnType<typeof onboardBackend>>;
let backend: string;

beforeAll(async () => {
  tp = await startTestPlatform();
  shop = await onboardBackend(tp, { name: 'Messaging Shop' });
  backend = await standardToken(tp, shop.profile.accessKey);
});
afterAll(() => tp.close());

interface Message {
  id: string;
  subject: string;
  broadcast: boolean;
  read_at: string | null;
  from: { name: string };
}
const userToken = (userId: string, scope = 'read') =>
  tokenFor(
    tp,
    { id: shop.apiKey.id, secretKey: shop.apiKey.secretKey },
    { kind: 'user', user_id: userId, scope },
  );
const send = (token: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(
    `${tp.url}/v1/messagebox/messages`,
    authed(token, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }),
  );
const inbox = async (token: string) => {
  const res = await fetch(`${tp.url}/v1/messagebox/inbox`, authed(token));
  expect(res.status).toBe(200);
  return (await res.json()) as { messages: Message[]; unread_count: number };
};
const markRead = (token: string, id: string) =>
  fetch(`${tp.url}/v1/messagebox/messages/${id}/read`, authed(token, { method: 'POST' }));

describe('Messagebox', () => {
  it("delivers a back-end's message to one user, and a broadcast to all", async () => {
    const ann = await userToken('ann');
    const ben = await userToken('ben');
    const toAnn = await send(backend, { to: { user_id: 'ann' }, subject: 'Your order', body: 'It shipped.' });
    expect(toAnn.status).toBe(201);
    expect(await toAnn.json()).toMatchObject({ to: { user_id: 'ann' }, subject: 'Your order' });
    tp.clock.advance(1);
    const all = await send(backend, { to: 'all', subject: 'Sale', body: 'Everything -20 %.' });
    expect(await all.json()).toMatchObject({ to: 'all' });

    const annBox = await inbox(ann);
    expect(annBox.unread_count).toBe(2);
    expect(annBox.messages.map((m) => m.subject)).toEqual(['Sale', 'Your order']);
    expect(annBox.messages[0]).toMatchObject({ broadcast: true, read_at: null, from: { name: 'ERP' } });
    const benBox = await inbox(ben);
    expect(benBox.messages.map((m) => m.subject)).toEqual(['Sale']);
  });

  it('reaches a user the platform has not seen yet, on their first visit', async () => {
    expect(
      (await send(backend, { to: { user_id: 'newcomer' }, subject: 'Welcome', body: 'Hi.' })).status,
    ).toBe(201);
    const box = await inbox(await userToken('newcomer'));
    expect(box.messages.map((m) => m.subject)).toContain('Welcome');
  });

  it("marks read idempotently, lists unread first, and hides other users' messages", async () => {
    const dora = await userToken('dora');
    const first = (await (
      await send(backend, { to: { user_id: 'dora' }, subject: 'First', body: '1' })
    ).json()) as Message;
    tp.clock.advance(1);
    await send(backend, { to: { user_id: 'dora' }, subject: 'Second', body: '2' });

    const read = await markRead(dora, first.id);
    expect(read.status).toBe(200);
    const readAt = ((await read.json()) as Message).read_at;
    expect(readAt).toEqual(expect.any(String));
    tp.clock.advance(60);
    const again = (await (await markRead(dora, first.id)).json()) as Message;
    expect(again.read_at).toBe(readAt);

    const box = await inbox(dora);
    const mine = box.messages.filter((m) => m.subject === 'First' || m.subject === 'Second');
    expect(mine.map((m) => m.subject)).toEqual(['Second', 'First']);
    const readIndex = box.messages.findIndex((m) => m.subject === 'First');
    expect(box.messages.slice(readIndex).every((m) => m.read_at !== null)).toBe(true);

    const eve = await userToken('eve');
    expect((await markRead(eve, first.id)).status).toBe(404);
    expect((await markRead(eve, 'not-a-uuid')).status).toBe(404);
    expect((await inbox(eve)).messages.map((m) => m.subject)).not.toContain('First');
  });

  it('serves OAuth tokens as their user', async () => {
    const consumer = await consumerFor(tp, shop.legalEntity.id, 'ann');
    const res = await postForm(tp, '/oauth/token', {
      grant_type: 'password',
      username: consumer.consumerKey,
      password: consumer.consumerSecret,
    });
    const { access_token } = (await res.json()) as { access_token: string };
    expect((await inbox(access_token)).messages.map((m) => m.subject)).toContain('Your order');
  });

  it('takes an Idempotency-Key, so a retried send is not sent twice', async () => {
    const body = { to: { user_id: 'fay' }, subject: 'Once', body: 'Only once.' };
    const a = await send(backend, body, { 'Idempotency-Key': 'msg-1' });
    const b = await send(backend, body, { 'Idempotency-Key': 'msg-1' });
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    expect(await b.json()).toEqual(await a.json());
    const box = await inbox(await userToken('fay'));
    expect(box.messages.filter((m) => m.subject === 'Once')).toHaveLength(1);
  });

  it('refuses the wrong callers and bad messages', async () => {
    const ann = await userToken('ann', 'read write');
    expect((await send(ann, { to: 'all', subject: 'x', body: 'y' })).status).toBe(403);
    const le = await tokenFor(
      tp,
      { id: shop.apiKey.id, secretKey: shop.apiKey.secretKey },
      { kind: 'legal_entity' },
    );
    expect((await fetch(`${tp.url}/v1/messagebox/inbox`, authed(le))).status).toBe(403);
    expect((await fetch(`${tp.url}/v1/messagebox/inbox`, authed(backend))).status).toBe(403);

    const reportingOnly = await onboardBackend(tp, { name: 'No Messages', services: ['reporting'] });
    const refused = await send(await standardToken(tp, reportingOnly.profile.accessKey), {
      to: 'all',
      subject: 'x',
      body: 'y',
    });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'insufficient_scope' });

    for (const bad of [
      { to: 'everyone', subject: 'x', body: 'y' },
      { to: 'all', subject: 'x'.repeat(201), body: 'y' },
      { to: 'all', subject: 'x', body: '' },
      { to: { user_id: 'bad id!' }, subject: 'x', body: 'y' },
    ]) {
      const res = await send(backend, bad);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid_request' });
    }
    // A subscription without the messagebox stops sending at once.
    await admin(tp, 'PUT', `/legal-entities/${shop.legalEntity.id}/subscription`, {
      services: ['reporting'],
    });
    expect((await send(backend, { to: 'all', subject: 'x', body: 'y' })).status).toBe(403);
  });
});
