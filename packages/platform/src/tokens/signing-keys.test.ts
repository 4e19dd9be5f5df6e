import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PlatformError } from '../errors.ts';
import {
  authed,
  onboardHost,
  startTestPlatform,
  type TestPlatform,
  tokenFor,
} from '../testing/test-platform.ts';
import { keyTimings, SigningKeys } from './signing-keys.ts';

const TIMINGS = { jwksMaxAge: 300, activationDelay: 360, retiredWindow: 1200 };

let tp: TestPlatform;
let dataDir: string | undefined;
let key: { id: string; secretKey: string };

beforeAll(async () => {
  // A restart must find its data again: a data folder for PGlite, the same schema on PostgreSQL.
  dataDir = process.env.DATABASE_URL ? undefined : await mkdtemp(join(tmpdir(), 'planner-keys-'));
  tp = await startTestPlatform({ dataDir, signingKeys: TIMINGS });
  const { apiKey } = await onboardHost(tp);
  key = { id: apiKey.id, secretKey: apiKey.secretKey };
});
afterAll(async () => {
  await tp.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const kidOf = (token: string) => decodeProtectedHeader(token).kid!;
const jwks = async () => {
  const res = await fetch(`${tp.url}/.well-known/jwks.json`);
  const body = (await res.json()) as { keys: { kid: string }[] };
  return { cacheControl: res.headers.get('cache-control'), kids: body.keys.map((k) => k.kid) };
};
const jwksKids = async () => (await jwks()).kids;
const me = async (token: string) => (await fetch(`${tp.url}/v1/me`, authed(token))).status;
const issue = (lifetime = 600) => tokenFor(tp, key, { kind: 'user', user_id: 'rot', lifetime });
const signer = async () => kidOf(await issue());
const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error instanceof PlatformError ? error.code : String(error);
  }
  return 'resolved';
};

/** Rotates and moves the clock past the new key's activation. */
async function rotateAndActivate() {
  const result = await tp.platform.services.keys.rotate();
  tp.clock.advance(TIMINGS.activationDelay);
  return result;
}

describe('key timings', () => {
  it('default to the JWKS max-age plus a minute, and the longest token plus a minute', () => {
    expect(keyTimings(86_400)).toMatchObject({
      jwksMaxAge: 300,
      activationDelay: 360,
      retiredWindow: 86_460,
    });
    expect(keyTimings(3600, { jwksMaxAge: 10 })).toMatchObject({ activationDelay: 70 });
  });

  it('refuse an activation delay shorter than the JWKS max-age', async () => {
    expect(await codeOf((async () => keyTimings(3600, { jwksMaxAge: 300, activationDelay: 299 }))())).toBe(
      'invalid_argument',
    );
  });
});

describe('signing-key rotation', () => {
  it('publishes the next key first and signs with it only after the JWKS max-age and a margin', async () => {
    const before = await issue();
    const oldKid = kidOf(before);
    expect(await jwks()).toEqual({ cacheControl: 'public, max-age=300', kids: [oldKid] });

    const rotation = await tp.platform.services.keys.rotate();
    expect(rotation.replaces?.kid).toBe(oldKid);
    expect(new Date(rotation.activatesAt).getTime()).toBe(tp.clock.now() + 360_000);
    // Pending: published, yet the current key still signs.
    expect(await jwksKids()).toEqual([rotation.kid, oldKid]);
    const during = await issue();
    expect(kidOf(during)).toBe(oldKid);
    tp.clock.advance(359);
    expect(await signer()).toBe(oldKid);

    // Activated by the clock alone: no notification, no restart.
    tp.clock.advance(1);
    const after = await issue();
    expect(kidOf(after)).toBe(rotation.kid);
    for (const token of [before, during, after]) expect(await me(token)).toBe(200);
    expect(await jwksKids()).toEqual([rotation.kid, oldKid]);
  });

  it('refuses a second rotation while a key is pending', async () => {
    const { kid } = await tp.platform.services.keys.rotate();
    expect(await codeOf(tp.platform.services.keys.rotate())).toBe('conflict');
    tp.clock.advance(TIMINGS.activationDelay);
    expect(await signer()).toBe(kid);
  });

  it('stops accepting a retired key when its window ends, cached verifications included', async () => {
    const old = await issue(3600);
    const oldKid = kidOf(old);
    expect(await me(old)).toBe(200);
    await rotateAndActivate();
    tp.clock.advance(TIMINGS.retiredWindow - 1);
    expect(await me(old)).toBe(200);
    expect(await jwksKids()).toContain(oldKid);

    tp.clock.advance(1);
    expect(await me(old)).toBe(401);
    expect(await jwksKids()).not.toContain(oldKid);
    // Still refused after a reload and a restart: it is gone for good.
    await tp.platform.services.keys.refresh();
    expect(await me(old)).toBe(401);
  });

  it('keeps data and keys across a restart', async () => {
    const token = await issue();
    const created = await fetch(
      `${tp.url}/v1/projects`,
      authed(
        await tokenFor(tp, key, { kind: 'user', user_id: 'keeper', scope: 'read write', lifetime: 600 }),
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            name: 'Survivor',
            room: { width_cm: 300, depth_cm: 300, unit: 'm' },
            items: [],
          }),
        },
      ),
    );
    const { id } = (await created.json()) as { id: string };
    const pending = await tp.platform.services.keys.rotate();
    const kids = await jwksKids();
    const signerBefore = await signer();

    await tp.restart();

    expect(await jwksKids()).toEqual(kids);
    expect(await signer()).toBe(signerBefore);
    expect(await me(token)).toBe(200);
    const read = await fetch(
      `${tp.url}/v1/projects/${id}`,
      authed(await tokenFor(tp, key, { kind: 'user', user_id: 'keeper', scope: 'read' })),
    );
    expect(await read.json()).toMatchObject({ name: 'Survivor' });
    // The pending key's schedule survived the restart too.
    tp.clock.advance(TIMINGS.activationDelay);
    expect(await signer()).toBe(pending.kid);
  });
});

describe('emergency revoke', () => {
  it('withdraws the signer at once and promotes the pending key', async () => {
    const current = await issue();
    expect(await me(current)).toBe(200); // cached as verified
    const { kid: next } = await tp.platform.services.keys.rotate();

    const result = await tp.platform.services.keys.revoke(kidOf(current));
    expect(result).toEqual({ kid: kidOf(current), was: 'active', signer: next, promoted: true });
    expect(await me(current)).toBe(401);
    expect(await jwksKids()).not.toContain(kidOf(current));
    const fresh = await issue();
    expect(kidOf(fresh)).toBe(next);
    expect(await me(fresh)).toBe(200);
  });

  it('makes a new signer when there is no pending key', async () => {
    const current = await issue();
    const result = await tp.platform.services.keys.revoke(kidOf(current));
    expect(result.promoted).toBe(true);
    expect(result.signer).not.toBe(kidOf(current));
    expect(await signer()).toBe(result.signer);
    expect(await jwksKids()).toContain(result.signer);
  });

  it('withdrawing a pending key leaves the current signer in place, with no retirement', async () => {
    const currentKid = await signer();
    const { kid: next } = await tp.platform.services.keys.rotate();
    expect(await tp.platform.services.keys.revoke(next)).toEqual({
      kid: next,
      was: 'pending',
      signer: currentKid,
      promoted: false,
    });
    expect(await jwksKids()).not.toContain(next);
    tp.clock.advance(TIMINGS.activationDelay + TIMINGS.retiredWindow);
    expect(await signer()).toBe(currentKid);
    const listed = await tp.platform.services.keys.list();
    expect(listed.find((k) => k.kid === currentKid)).toMatchObject({ state: 'active', retiredAt: null });
    expect(listed.find((k) => k.kid === next)).toMatchObject({ state: 'gone' });
  });

  it('an instance told of a revoke signs with the promoted key, never the retired one', async () => {
    await rotateAndActivate(); // a retired key, still in its window, and an active one
    const active = await signer();
    const { kid: next } = await tp.platform.services.keys.rotate();
    // Another instance revokes; this one hears of it only by the notification below.
    const { db, master } = tp.platform.services;
    const elsewhere = new SigningKeys({ ...db, notify: async () => {} }, master, {
      timings: keyTimings(3600, TIMINGS),
      now: tp.clock.now,
    });
    await elsewhere.revoke(active);
    tp.platform.services.keys.notified(`revoked:${active}`);
    expect((await tp.platform.services.keys.current()).kid).toBe(next);
  });

  it('answers not_found for an unknown kid and changes nothing', async () => {
    const kids = await jwksKids();
    expect(await codeOf(tp.platform.services.keys.revoke(randomUUID()))).toBe('not_found');
    expect(await jwksKids()).toEqual(kids);
  });
});

/** A token signed by a key the platform never had, naming `kid`. */
async function forged(kid: string) {
  const { privateKey } = await generateKeyPair('ES256');
  const nowS = Math.floor(tp.clock.now() / 1000);
  return new SignJWT({ scope: 'read', kind: 'user', le: 'x', client_id: key.id, origins: [] })
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid })
    .setIssuer(tp.url)
    .setAudience(`${tp.url}/v1`)
    .setSubject('x')
    .setJti(randomUUID())
    .setIssuedAt(nowS)
    .setExpirationTime(nowS + 600)
    .sign(privateKey);
}

const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
};

const keyReadsOf = (calls: unknown[][]) =>
  calls.filter(([sql]) => String(sql).includes('from signing_keys')).length;

describe('key-set reloads', () => {
  it('a flood of unknown kids causes at most one database read a second', async () => {
    const { db, tokens } = tp.platform.services;
    const junk = await forged(randomUUID());
    const reads = vi.spyOn(db, 'query');
    const started = performance.now();
    let keyReads: number;
    try {
      const results = await Promise.all(Array.from({ length: 300 }, () => refusal(tokens.verify(junk))));
      expect(new Set(results)).toEqual(new Set(['invalid_token']));
      keyReads = keyReadsOf(reads.mock.calls);
    } finally {
      reads.mockRestore();
    }
    const seconds = (performance.now() - started) / 1000;
    expect(keyReads).toBeGreaterThanOrEqual(1);
    expect(keyReads).toBeLessThanOrEqual(1 + Math.ceil(seconds));
  });

  it('good tokens never fail while junk kids trigger reloads (the swap is atomic)', async () => {
    // Every unknown kid may reload here, so reloads overlap the verifications.
    const eager = await startTestPlatform({ signingKeys: { unknownKidReloadInterval: 0 } });
    try {
      const { apiKey } = await onboardHost(eager);
      const { tokens, keys, db } = eager.platform.services;
      const reads = vi.spyOn(db, 'query');
      const { kid } = await keys.current();
      const failures: string[] = [];
      for (let round = 0; round < 15; round++) {
        const good = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            tokens.issue({
              kind: 'user',
              legalEntityId: apiKey.legalEntityId,
              apiKeyId: apiKey.id,
              userId: `u${round}-${i}`,
              scope: 'read',
              lifetime: 600,
              origins: [],
            }),
          ),
        );
        const junk = await Promise.all(Array.from({ length: 10 }, () => forged(randomUUID())));
        await Promise.all([
          ...good.map(async ({ token }) => {
            const outcome = await refusal(tokens.verify(token));
            if (outcome !== 'accepted') failures.push(outcome);
          }),
          ...good.map(async () => {
            if (!(await keys.publicKey(kid))) failures.push('public key missing');
          }),
          ...junk.map(async (token) => {
            if ((await refusal(tokens.verify(token))) !== 'invalid_token') failures.push('junk accepted');
          }),
        ]);
      }
      const keyReads = keyReadsOf(reads.mock.calls);
      reads.mockRestore();
      expect(failures).toEqual([]);
      // The junk did cause reloads, overlapping the good verifications.
      expect(keyReads).toBeGreaterThanOrEqual(15);
    } finally {
      await eager.close();
    }
  });
});
