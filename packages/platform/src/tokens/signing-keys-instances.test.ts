import { decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import {
  authed,
  onboardHost,
  startTestPlatform,
  TestClock,
  type TestPlatform,
} from '../testing/test-platform.ts';
import { keyTimings, SigningKeys } from './signing-keys.ts';

const TIMINGS = { jwksMaxAge: 300, activationDelay: 360, retiredWindow: 1200 };

const kidOf = (token: string) => decodeProtectedHeader(token).kid!;
const me = async (tp: TestPlatform, token: string) => (await fetch(`${tp.url}/v1/me`, authed(token))).status;

/** Polls `probe` until it returns a value, or fails after `seconds`. */
async function eventually<T>(probe: () => Promise<T | undefined>, seconds = 10): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function issuerFor(tp: TestPlatform, apiKey: { id: string; legalEntityId: string }) {
  return async (on: TestPlatform = tp) =>
    (
      await on.platform.services.tokens.issue({
        kind: 'user',
        legalEntityId: apiKey.legalEntityId,
        apiKeyId: apiKey.id,
        userId: 'multi',
        scope: 'read',
        lifetime: 600,
        origins: [],
      })
    ).token;
}

describe.runIf(process.env.DATABASE_URL)('[PostgreSQL only] several instances on one PostgreSQL', () => {
  it('agree on a rotation, switch signer at activation and drop a revoked key at once, without restarts', async () => {
    const clock = new TestClock();
    // The refresh timer is far off: only the notifications can make these pass in time.
    const timings = { ...TIMINGS, refreshInterval: 3600 };
    const a = await startTestPlatform({ now: clock.now, signingKeys: timings });
    const b = await startTestPlatform({
      now: clock.now,
      signingKeys: timings,
      schema: a.options.schema,
      master: a.options.master,
      publicUrl: a.options.publicUrl,
    });
    try {
      const { apiKey } = await onboardHost(a);
      const issue = await issuerFor(a, apiKey);
      const first = await issue(a);
      expect(kidOf(await issue(b))).toBe(kidOf(first));

      const rotation = await a.platform.services.keys.rotate();
      expect(kidOf(await issue(b))).toBe(kidOf(first));
      clock.advance(TIMINGS.activationDelay);
      expect(kidOf(await issue(a))).toBe(rotation.kid);
      // B heard of the pending key by notification and switches by its clock alone.
      await eventually(async () => (kidOf(await issue(b)) === rotation.kid ? true : undefined), 5);
      expect(await me(b, first)).toBe(200);

      const onNew = await issue(a);
      expect(await me(a, onNew)).toBe(200); // and cached as verified
      const revocation = await b.platform.services.keys.revoke(rotation.kid);
      await eventually(async () => ((await me(a, onNew)) === 401 ? true : undefined), 5);
      await eventually(async () => (kidOf(await issue(a)) === revocation.signer ? true : undefined), 5);
      expect(await me(b, await issue(a))).toBe(200);
    } finally {
      await b.close();
      await a.close();
    }
  });
});

describe('an instance that missed a notification', () => {
  it('picks the next key up on its refresh timer and signs with it at activation', async () => {
    const clock = new TestClock();
    const tp = await startTestPlatform({ now: clock.now, signingKeys: { ...TIMINGS, refreshInterval: 0.2 } });
    try {
      const { apiKey } = await onboardHost(tp);
      const issue = await issuerFor(tp, apiKey);
      const before = kidOf(await issue());
      // A rotation whose notification is lost.
      const { db, master } = tp.platform.services;
      const mute: Database = { ...db, notify: async () => {} };
      const rotation = await new SigningKeys(mute, master, {
        timings: keyTimings(3600, TIMINGS),
        now: clock.now,
      }).rotate();
      clock.advance(TIMINGS.activationDelay);
      expect(rotation.replaces?.kid).toBe(before);
      await eventually(async () => (kidOf(await issue()) === rotation.kid ? true : undefined));
    } finally {
      await tp.close();
    }
  });
});
