import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authed,
  onboardHost,
  startTestPlatform,
  type TestPlatform,
  tokenFor,
} from '../testing/test-platform.ts';

let tp: TestPlatform;
let dataDir: string | undefined;
let key: { id: string; secretKey: string };

beforeAll(async () => {
  // A restart must find its data again: a data folder for PGlite, the same schema on PostgreSQL.
  dataDir = process.env.DATABASE_URL ? undefined : await mkdtemp(join(tmpdir(), 'planner-keys-'));
  tp = await startTestPlatform({ dataDir });
  const { apiKey } = await onboardHost(tp);
  key = { id: apiKey.id, secretKey: apiKey.secretKey };
});
afterAll(async () => {
  await tp.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const kidOf = (token: string) => decodeProtectedHeader(token).kid!;
const jwksKids = async () =>
  (
    (await (await fetch(`${tp.url}/.well-known/jwks.json`)).json()) as {
      keys: { kid: string; alg: string }[];
    }
  ).keys.map((k) => k.kid);
const me = (token: string) => fetch(`${tp.url}/v1/me`, authed(token));

describe('signing keys', () => {
  it('rotates without downtime: the old key stays published while its tokens live', async () => {
    const before = await tokenFor(tp, key, { kind: 'user', user_id: 'rot', lifetime: 600 });
    const oldKid = kidOf(before);
    expect(await jwksKids()).toEqual([oldKid]);

    const { kid: newKid, retired } = await tp.platform.services.keys.rotate();
    expect(retired).toEqual([oldKid]);
    expect(await jwksKids()).toEqual([newKid, oldKid]);

    const after = await tokenFor(tp, key, { kind: 'user', user_id: 'rot' });
    expect(kidOf(after)).toBe(newKid);
    expect((await me(before)).status).toBe(200);
    expect((await me(after)).status).toBe(200);
  });

  it('keeps data and keys across a restart', async () => {
    const token = await tokenFor(tp, key, {
      kind: 'user',
      user_id: 'keeper',
      scope: 'read write',
      lifetime: 600,
    });
    const created = await fetch(
      `${tp.url}/v1/projects`,
      authed(token, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          name: 'Survivor',
          room: { width_cm: 300, depth_cm: 300, unit: 'm' },
          items: [],
        }),
      }),
    );
    const { id } = (await created.json()) as { id: string };
    const kids = await jwksKids();

    await tp.restart();

    expect(await jwksKids()).toEqual(kids);
    const read = await fetch(`${tp.url}/v1/projects/${id}`, authed(token));
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ name: 'Survivor' });
    // And the API key still signs requests.
    expect((await me(await tokenFor(tp, key, { kind: 'legal_entity' }))).status).toBe(200);
  });
});
