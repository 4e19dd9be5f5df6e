import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  authed,
  makeAssertion,
  onboardHost,
  requestToken,
  startTestPlatform,
  type TestPlatform,
  tokenFor,
} from '../testing/test-platform.ts';

// Issue 10: what one instance remembers, every other on the same PostgreSQL knows: used
// assertion jtis and idempotency records live in the database, not in a process.

async function pair() {
  const a = await startTestPlatform();
  const b = await startTestPlatform({
    schema: a.options.schema,
    master: a.options.master,
    publicUrl: a.url,
    now: a.clock.now,
  });
  return {
    a,
    b,
    async close() {
      await b.server.close();
      await b.platform.close();
      await a.close();
    },
  };
}

const createProject = (tp: TestPlatform, token: string, key: string) =>
  fetch(
    `${tp.url}/v1/projects`,
    authed(token, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify({
        name: `Shared ${key}`,
        room: { width_cm: 400, depth_cm: 300, unit: 'cm' },
        items: [],
      }),
    }),
  );

describe.runIf(process.env.DATABASE_URL)('[PostgreSQL only] state shared by two instances', () => {
  it('refuses on B a client assertion already used on A', async () => {
    const { a, b, close } = await pair();
    try {
      const { apiKey } = await onboardHost(a);
      const key = { id: apiKey.id, secretKey: apiKey.secretKey };
      const params = { kind: 'user' as const, user_id: 'replayer' };
      const assertion = await makeAssertion(a, key, params);
      expect((await requestToken(a, key, params, assertion)).status).toBe(200);
      const replay = await requestToken(b, key, params, assertion);
      expect(replay.status).toBe(401);
      expect(await replay.text()).toContain('already used');
    } finally {
      await close();
    }
  });

  it('replays on B a write made on A with the same Idempotency-Key, and applies a parallel pair once', async () => {
    const { a, b, close } = await pair();
    try {
      const { apiKey } = await onboardHost(a);
      const token = await tokenFor(a, apiKey, { kind: 'user', user_id: 'saver', scope: 'read write' });
      const list = async () =>
        (
          (await (await fetch(`${b.url}/v1/projects`, authed(token))).json()) as {
            projects: { name: string }[];
          }
        ).projects;

      const key = randomUUID();
      const first = await createProject(a, token, key);
      expect(first.status).toBe(201);
      const again = await createProject(b, token, key);
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await again.json()).toEqual(await first.json());

      // At once on both: one applies, the other is told it is in progress or gets the replay.
      const raced = randomUUID();
      const statuses = (
        await Promise.all([createProject(a, token, raced), createProject(b, token, raced)])
      ).map((r) => r.status);
      expect(statuses).toContain(201);
      expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
      const names = (await list()).map((p) => p.name);
      expect(names.filter((n) => n === `Shared ${key}`)).toHaveLength(1);
      expect(names.filter((n) => n === `Shared ${raced}`)).toHaveLength(1);
    } finally {
      await close();
    }
  });
});
