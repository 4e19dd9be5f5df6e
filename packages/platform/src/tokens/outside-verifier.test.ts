import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authed, onboardHost, startTestPlatform, type TestPlatform } from '../testing/test-platform.ts';

// Real time throughout: the outside verifier's cache runs on the real clock. The timings are
// short so the test waits seconds, not minutes.
const MAX_AGE = 2;
const TIMINGS = { jwksMaxAge: MAX_AGE, activationDelay: MAX_AGE + 1, retiredWindow: 10 };
const SCRIPT = new URL('../testing/outside-verifier.ts', import.meta.url).pathname;
const TSX = new URL('../../node_modules/.bin/tsx', import.meta.url).pathname;

interface Verdict {
  id: number;
  ok: boolean;
  kid?: string;
  code?: string;
  fetches: number[];
}

/** The verifier in its own process, fed tokens over stdin, one verdict per line on stdout. */
class OutsideVerifier {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #waiting = new Map<number, (v: Verdict) => void>();
  #next = 0;
  stderr = '';

  constructor(tp: TestPlatform) {
    this.#child = spawn(TSX, [SCRIPT, `${tp.url}/.well-known/jwks.json`, tp.url, `${tp.url}/v1`], {
      stdio: 'pipe',
    });
    this.#child.stderr.on('data', (chunk) => {
      this.stderr += String(chunk);
    });
    createInterface({ input: this.#child.stdout }).on('line', (line) => {
      const verdict = JSON.parse(line) as Verdict;
      this.#waiting.get(verdict.id)?.(verdict);
    });
  }

  verify(token: string): Promise<Verdict> {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no verdict in 60 s: ${this.stderr}`)), 60_000);
      this.#waiting.set(id, (v) => {
        clearTimeout(timer);
        resolve(v);
      });
      this.#child.stdin.write(`${JSON.stringify({ id, token })}\n`);
    });
  }

  close() {
    this.#child.kill();
  }
}

/** Polls `probe` until it returns a value, or fails after `seconds`. */
async function eventually<T>(probe: () => Promise<T | undefined>, seconds = 30): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

let tp: TestPlatform;
let verifier: OutsideVerifier;
let issue: () => Promise<string>;

beforeAll(async () => {
  tp = await startTestPlatform({ now: Date.now, signingKeys: TIMINGS });
  const { apiKey } = await onboardHost(tp);
  issue = async () =>
    (
      await tp.platform.services.tokens.issue({
        kind: 'user',
        legalEntityId: apiKey.legalEntityId,
        apiKeyId: apiKey.id,
        userId: 'outside',
        scope: 'read',
        lifetime: 600,
        origins: [],
      })
    ).token;
  verifier = new OutsideVerifier(tp);
});
afterAll(async () => {
  verifier?.close();
  await tp?.close();
});

const kidOf = (token: string) => decodeProtectedHeader(token).kid!;
const me = async (token: string) => (await fetch(`${tp.url}/v1/me`, authed(token))).status;

describe('an outside verifier caching the JWKS (jose createRemoteJWKSet, another process)', () => {
  it('verifies tokens issued before, during and after a rotation without refetching early', async () => {
    const { keys } = tp.platform.services;
    const before = await issue();
    expect(await verifier.verify(before)).toMatchObject({ ok: true, kid: kidOf(before) });

    const rotation = await keys.rotate();
    const during = await issue();
    expect(kidOf(during)).toBe(kidOf(before));
    expect(await verifier.verify(during)).toMatchObject({ ok: true, kid: kidOf(before) });

    const after = await eventually(async () => {
      const token = await issue();
      return kidOf(token) === rotation.kid ? token : undefined;
    });
    expect(Date.now()).toBeGreaterThanOrEqual(new Date(rotation.activatesAt).getTime());
    const verdicts = [
      await verifier.verify(after),
      await verifier.verify(before),
      await verifier.verify(during),
    ];
    expect(verdicts.map((v) => v.ok)).toEqual([true, true, true]);
    expect(verdicts[0]!.kid).toBe(rotation.kid);

    // It refetched only when its cache had expired, never because a kid was new to it.
    const { fetches } = verdicts[2]!;
    for (let i = 1; i < fetches.length; i++) {
      expect(fetches[i]! - fetches[i - 1]!).toBeGreaterThanOrEqual(MAX_AGE * 1000 - 100);
    }

    // The retired key: accepted by the platform within its window, refused after it, and
    // outside verifiers lose it with their next fetch.
    expect(await me(before)).toBe(200);
    const windowEnd = new Date(rotation.replaces!.acceptedUntil).getTime();
    await eventually(async () => ((await me(before)) === 401 ? true : undefined));
    expect(Date.now()).toBeGreaterThanOrEqual(windowEnd);
    expect(await me(after)).toBe(200);
    const refused = await eventually(async () => {
      const v = await verifier.verify(before);
      return v.ok ? undefined : v;
    });
    expect(refused.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect((await verifier.verify(after)).ok).toBe(true);
  });

  it("refuses an emergency-revoked key's tokens on the platform at once", async () => {
    const { keys } = tp.platform.services;
    const token = await issue();
    expect(await me(token)).toBe(200);
    const result = await keys.revoke(kidOf(token));
    expect(await me(token)).toBe(401);
    const fresh = await issue();
    expect(kidOf(fresh)).toBe(result.signer);
    expect(await me(fresh)).toBe(200);
    // The accepted gap of an emergency: the outside verifier meets the new key before it
    // has fetched it, and accepts it once its cache has expired.
    const accepted = await eventually(async () => {
      const v = await verifier.verify(fresh);
      return v.ok ? v : undefined;
    });
    expect(accepted.kid).toBe(result.signer);
    expect((await verifier.verify(token)).ok).toBe(false);
  });
});
