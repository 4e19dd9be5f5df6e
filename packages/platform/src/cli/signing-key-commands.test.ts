import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMasterKey, loadMasterKey } from '../crypto/master-key.ts';
import { cliStorageEnv, dropCliSchema } from '../testing/cli-storage.ts';
import { authed, onboardHost, startTestPlatform, type TestPlatform } from '../testing/test-platform.ts';
import { runCli } from './main.ts';

let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'planner-cli-keys-'));
  env = {
    PLANNER_MASTER_KEY: generateMasterKey(),
    PLANNER_JWKS_MAX_AGE: '10',
    ...cliStorageEnv(dir),
  };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await dropCliSchema(env);
});

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    out: (s) => (stdout += `${s}\n`),
    err: (s) => (stderr += `${s}\n`),
    env,
  });
  return { code, stdout, stderr };
}
const json = async <T>(...args: string[]) => {
  const result = await cli(...args, '--json');
  if (result.code !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as T;
};

describe('planner-admin signing-key', { timeout: 120_000 }, () => {
  it('warns in its help that an emergency revoke leaves outside verifiers a gap', async () => {
    const help = await cli('signing-key', 'revoke', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: planner-admin signing-key revoke <kid>');
    expect(help.stdout).toContain('refuse new tokens until they fetch the JWKS again');
    expect((await cli('signing-key', 'rotate', '--help')).stdout).toContain('PLANNER_KEY_ACTIVATION_DELAY');
  });

  it('rotates on a schedule, lists states and revokes; a running platform follows', async () => {
    const first = await json<{ kid: string; replaces: null }>('signing-key', 'rotate');
    expect(first.replaces).toBeNull();
    const started = Date.now();
    const next = await json<{ kid: string; activatesAt: string; replaces: { kid: string } }>(
      'signing-key',
      'rotate',
    );
    expect(next.replaces.kid).toBe(first.kid);
    // PLANNER_JWKS_MAX_AGE=10: the next key signs 10 s plus a minute from now.
    const delay = new Date(next.activatesAt).getTime() - started;
    expect(delay).toBeGreaterThan(69_000);
    expect(delay).toBeLessThan(71_000 + 10_000);
    const again = await cli('signing-key', 'rotate');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already pending');
    const listed = await json<{ kid: string; state: string }[]>('signing-key', 'list');
    expect(listed.map((k) => [k.kid, k.state])).toEqual([
      [next.kid, 'pending'],
      [first.kid, 'active'],
    ]);

    const unknown = await cli('signing-key', 'revoke', randomUUID());
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no signing key');

    const start = () =>
      startTestPlatform({
        ...(env.PLANNER_DATA_DIR ? { dataDir: env.PLANNER_DATA_DIR } : { schema: env.PLANNER_DB_SCHEMA }),
        master: loadMasterKey(env),
        now: Date.now,
      });
    const stop = async (tp: TestPlatform) => {
      await tp.server.close();
      await tp.platform.close();
    };
    let tp = await start();
    try {
      const { apiKey } = await onboardHost(tp);
      const issue = async () =>
        (
          await tp.platform.services.tokens.issue({
            kind: 'legal_entity',
            legalEntityId: apiKey.legalEntityId,
            apiKeyId: apiKey.id,
            scope: 'read',
            lifetime: 600,
            origins: [],
          })
        ).token;
      const token = await issue();
      expect(decodeProtectedHeader(token).kid).toBe(first.kid);
      expect((await fetch(`${tp.url}/v1/me`, authed(token))).status).toBe(200);

      // The embedded database has one user at a time; PostgreSQL's NOTIFY reaches the running platform.
      if (!env.DATABASE_URL) await stop(tp);
      const revoked = await json<{ was: string; signer: string; promoted: boolean }>(
        'signing-key',
        'revoke',
        first.kid,
      );
      expect(revoked).toEqual({ kid: first.kid, was: 'active', signer: next.kid, promoted: true });
      if (!env.DATABASE_URL) tp = await start();
      const deadline = Date.now() + 5000;
      while ((await fetch(`${tp.url}/v1/me`, authed(token))).status !== 401 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect((await fetch(`${tp.url}/v1/me`, authed(token))).status).toBe(401);
      expect(decodeProtectedHeader(await issue()).kid).toBe(next.kid);
      const jwks = (await (await fetch(`${tp.url}/.well-known/jwks.json`)).json()) as {
        keys: { kid: string }[];
      };
      expect(jwks.keys.map((k) => k.kid)).toEqual([next.kid]);
    } finally {
      await stop(tp).catch(() => {});
    }
  });
});
