import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMasterKey, loadMasterKey } from '../crypto/master-key.ts';
import { createPlatform } from '../platform.ts';
import { listen } from '../server.ts';
import { cliStorageEnv, dropCliSchema } from '../testing/cli-storage.ts';
import {
  authed,
  postForm,
  standardToken,
  startTestPlatform,
  type TestPlatform,
  tokenFor,
} from '../testing/test-platform.ts';
import { runCli } from './main.ts';

const run = promisify(execFile);
const CLI = new URL('./main.ts', import.meta.url).pathname;
const TSX = new URL('../../node_modules/.bin/tsx', import.meta.url).pathname;

let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'planner-cli-'));
  env = {
    PATH: process.env.PATH,
    PLANNER_MASTER_KEY: generateMasterKey(),
    ...cliStorageEnv(dir),
  };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await dropCliSchema(env);
});

/** Runs the real CLI in its own process, as an operator would. */
async function cliProcess(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(TSX, [CLI, ...args], { env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/**
 * The same CLI entry point in this process: the steps after the first few, so the suite
 * does not pay a process start for each of them (a real process is no different past
 * argument parsing, which `cliProcess` covers).
 */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    out: (s) => (stdout += `${s}\n`),
    err: (s) => (stderr += `${s}\n`),
    env,
  });
  return { code, stdout, stderr };
}

// Each step starts a process and opens the database: seconds, not milliseconds.
describe('planner-admin, end to end', { timeout: 120_000 }, () => {
  it('helps on every command', async () => {
    const top = await cliProcess('--help');
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('api-key revoke');
    const sub = await cliProcess('api-key', 'create', '--help');
    expect(sub.stdout).toContain('Usage: planner-admin api-key create <legal-entity-id>');
    const unknown = await cliProcess('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command');
  });

  it('onboards a host, prints the secret once, and the platform honours it', async () => {
    const created = await cliProcess(
      'legal-entity',
      'create',
      '--name',
      'Nordic Home',
      '--origin',
      'https://shop.example',
      '--json',
    );
    expect(created.code).toBe(0);
    const le = JSON.parse(created.stdout) as { id: string; origins: string[] };
    expect(le.origins).toEqual(['https://shop.example']);

    const added = await cli('origin', 'add', le.id, 'http://127.0.0.1:5173/', '--json');
    expect(JSON.parse(added.stdout).origins).toEqual(['http://127.0.0.1:5173', 'https://shop.example']);
    const bad = await cli('origin', 'add', le.id, 'https://shop.example/path');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('no path');

    const key = JSON.parse((await cli('api-key', 'create', le.id, '--label', 'prod', '--json')).stdout) as {
      id: string;
      secretKey: string;
    };
    expect(key.secretKey).toMatch(/^sk_/);
    const listed = await cli('api-key', 'list', le.id, '--json');
    expect(listed.stdout).toContain(key.id);
    expect(listed.stdout).not.toContain(key.secretKey);
    const shown = await cli('legal-entity', 'show', le.id);
    expect(shown.stdout).not.toContain(key.secretKey);

    const rotated = JSON.parse((await cli('signing-key', 'rotate', '--json')).stdout) as { kid: string };

    // The platform, started on the same storage afterwards, knows all of it.
    const tp = await startTestPlatform({
      ...(env.PLANNER_DATA_DIR ? { dataDir: env.PLANNER_DATA_DIR } : { schema: env.PLANNER_DB_SCHEMA }),
      master: (await import('../crypto/master-key.ts')).loadMasterKey(env),
    });
    try {
      const token = await tokenFor(tp, key, { kind: 'legal_entity' });
      const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString());
      expect(header.kid).toBe(rotated.kid);
      const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
      expect(claims.origins).toEqual(['http://127.0.0.1:5173', 'https://shop.example']);
    } finally {
      // Keep the schema: the next step revokes through the CLI.
      await tp.server.close();
      await tp.platform.close();
    }

    const revoked = await cli('api-key', 'revoke', key.id, '--json');
    expect(JSON.parse(revoked.stdout).revokedAt).toEqual(expect.any(String));
    const list = JSON.parse((await cli('api-key', 'list', le.id, '--json')).stdout) as {
      revokedAt: string;
    }[];
    expect(list[0]!.revokedAt).toEqual(expect.any(String));
  });

  // The longest: a dozen processes, each opening the database.
  it('sets up back-ends and OAuth consumers; deactivations reach a running platform', {
    timeout: 240_000,
  }, async () => {
    const le = JSON.parse((await cli('legal-entity', 'create', '--name', 'Backend Co', '--json')).stdout) as {
      id: string;
    };
    const sub = await cli('subscription', 'set', le.id, '--service', 'reporting', '--json');
    expect(JSON.parse(sub.stdout)).toMatchObject({ services: ['reporting'] });

    const profile = JSON.parse(
      (await cli('backend-profile', 'create', le.id, '--name', 'ERP', '--external-system', 'SAP', '--json'))
        .stdout,
    ) as { id: string; accessKey: string };
    expect(profile.accessKey).toMatch(/^ak_/);
    const listed = await cli('backend-profile', 'list', le.id);
    expect(listed.stdout).toContain(profile.id);
    expect(listed.stdout).not.toContain(profile.accessKey);
    expect((await cli('backend-profile', 'show', profile.id)).stdout).toContain(profile.accessKey);
    const statik = JSON.parse((await cli('static-token', 'generate', profile.id, '--json')).stdout) as {
      token: string;
    };
    expect(statik.token).toMatch(/^st_/);
    const created = await cli(
      'consumer',
      'create',
      le.id,
      '--user',
      'shopper-1',
      '--scope',
      'read write',
      '--json',
    );
    const consumer = JSON.parse(created.stdout) as { consumerKey: string; consumerSecret: string };
    expect(consumer.consumerSecret).toMatch(/^cs_/);
    // The secret this once, never its hash: a hash of a random secret is a password equivalent offline.
    expect(consumer).not.toHaveProperty('secretHash');
    expect(created.stdout).not.toMatch(/secret_?hash/i);
    expect((await cli('consumer', 'list', le.id)).stdout).not.toContain(consumer.consumerSecret);

    const start = async () =>
      startTestPlatform({
        ...(env.PLANNER_DATA_DIR ? { dataDir: env.PLANNER_DATA_DIR } : { schema: env.PLANNER_DB_SCHEMA }),
        master: (await import('../crypto/master-key.ts')).loadMasterKey(env),
        now: Date.now,
      });
    const stop = async (tp: TestPlatform) => {
      await tp.server.close();
      await tp.platform.close();
    };
    const report = (tp: TestPlatform) => fetch(`${tp.url}/v1/reporting/usage`, authed(statik.token));
    let tp = await start();
    let oauth: string;
    try {
      expect((await report(tp)).status).toBe(200);
      const res = await postForm(tp, '/oauth/token', {
        grant_type: 'password',
        username: consumer.consumerKey,
        password: consumer.consumerSecret,
      });
      oauth = ((await res.json()) as { access_token: string }).access_token;
      expect((await fetch(`${tp.url}/v1/projects`, authed(oauth))).status).toBe(200);
      if (!env.DATABASE_URL) await stop(tp);
      // With PostgreSQL the platform keeps running: the CLI's NOTIFY reaches it.
      expect((await cli('static-token', 'deactivate', profile.id)).code).toBe(0);
      expect((await cli('consumer', 'revoke', consumer.consumerKey)).code).toBe(0);
      if (env.DATABASE_URL) await new Promise((r) => setTimeout(r, 300));
      else tp = await start();
      expect((await report(tp)).status).toBe(401);
      expect((await fetch(`${tp.url}/v1/projects`, authed(oauth))).status).toBe(401);
    } finally {
      await stop(tp).catch(() => {});
    }
  });

  it('rotates, disables, enables and deletes back-end profiles with an audit log; a running platform follows', {
    timeout: 240_000,
  }, async () => {
    const le = JSON.parse(
      (await cli('legal-entity', 'create', '--name', 'Lifecycle Co', '--json')).stdout,
    ) as {
      id: string;
    };
    await cli('subscription', 'set', le.id, '--service', 'reporting');
    const profile = JSON.parse(
      (await cli('backend-profile', 'create', le.id, '--name', 'CRM', '--external-system', 'X', '--json'))
        .stdout,
    ) as { id: string; accessKey: string };
    const statik = JSON.parse((await cli('static-token', 'generate', profile.id, '--json')).stdout) as {
      token: string;
    };

    const tp = await startTestPlatform({
      ...(env.PLANNER_DATA_DIR ? { dataDir: env.PLANNER_DATA_DIR } : { schema: env.PLANNER_DB_SCHEMA }),
      master: loadMasterKey(env),
      now: Date.now,
    });
    const port = Number(new URL(tp.url).port);
    /**
     * Runs CLI commands beside the platform. On PostgreSQL the platform keeps running (the
     * CLI's NOTIFY must reach it); an embedded database has one user at a time, so there the
     * platform stops and starts again on the same port (same issuer, tokens stay valid).
     */
    const beside = async <T>(work: () => Promise<T>): Promise<T> => {
      if (env.DATABASE_URL) return work();
      await tp.server.close();
      await tp.platform.close();
      try {
        return await work();
      } finally {
        tp.platform = await createPlatform(tp.options);
        tp.server = await listen(tp.platform, port);
      }
    };
    /** Polls until the platform answers `status`, within a deadline far below any cache TTL. */
    const eventually = async (token: string, status: number) => {
      const deadline = Date.now() + 5_000;
      for (;;) {
        const res = await fetch(`${tp.url}/v1/reporting/usage`, authed(token));
        if (res.status === status) return res;
        if (Date.now() > deadline) throw new Error(`still ${res.status}, not ${status}, after 5 s`);
        await new Promise((r) => setTimeout(r, 25));
      }
    };
    const requestStandard = (accessKey: string) =>
      fetch(`${tp.url}/v1/backend/tokens`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ access_key: accessKey }),
      });
    const audit = (stderr: string, event: string) =>
      stderr
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find((line) => line.event === event);
    try {
      const standard = await standardToken(tp, profile.accessKey);
      await eventually(standard, 200);
      await eventually(statik.token, 200);

      const disabled = await beside(() => cli('backend-profile', 'disable', profile.id, '--json'));
      expect(disabled.code).toBe(0);
      expect(JSON.parse(disabled.stdout)).toMatchObject({
        status: 'disabled',
        disabledAt: expect.any(String),
      });
      // The same audit line as the admin API's, saying who.
      expect(audit(disabled.stderr, 'backend_profile.disabled')).toMatchObject({
        profile: profile.id,
        by: 'cli',
      });
      for (const token of [standard, statik.token]) {
        const res = await eventually(token, 401);
        expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
      }
      expect(await (await requestStandard(profile.accessKey)).json()).toMatchObject({
        error: 'invalid_client',
      });
      expect((await cli('backend-profile', 'list', le.id)).stdout).toContain('DISABLED');

      const enabled = await beside(() => cli('backend-profile', 'enable', profile.id));
      expect(enabled.stdout).toContain('Enabled');
      await eventually(standard, 200);
      await eventually(statik.token, 200);

      const rotated = await beside(() => cli('backend-profile', 'rotate-key', profile.id, '--json'));
      const { accessKey } = JSON.parse(rotated.stdout) as { accessKey: string };
      expect(accessKey).toMatch(/^ak_/);
      expect(accessKey).not.toBe(profile.accessKey);
      expect(audit(rotated.stderr, 'backend_profile.access_key_rotated')).toMatchObject({ by: 'cli' });
      expect(rotated.stderr).not.toContain(accessKey);
      await eventually(standard, 401);
      expect(await (await requestStandard(profile.accessKey)).json()).toMatchObject({
        error: 'invalid_client',
      });
      await eventually(await standardToken(tp, accessKey), 200);

      const [overlap, tooLong] = await beside(async () => [
        await cli('backend-profile', 'rotate-key', profile.id, '--overlap', 'soon'),
        await cli('backend-profile', 'rotate-key', profile.id, '--overlap', '999999', '--json'),
      ]);
      expect(overlap!.code).toBe(2);
      expect(tooLong!.code).toBe(1);
      expect(JSON.parse(tooLong!.stderr)).toMatchObject({ error: 'invalid_argument' });
      // Refused before anything changed: the current key still works.
      expect((await requestStandard(accessKey)).status).toBe(200);

      const deleted = await beside(() => cli('backend-profile', 'delete', profile.id));
      expect(deleted.code).toBe(0);
      await eventually(statik.token, 401);
      expect(await (await requestStandard(accessKey)).json()).toMatchObject({ error: 'invalid_client' });
      const gone = await cli('backend-profile', 'show', profile.id, '--json');
      expect(gone.code).toBe(1);
      expect(JSON.parse(gone.stderr)).toMatchObject({ error: 'not_found' });
    } finally {
      await tp.server.close().catch(() => {});
      await tp.platform.close().catch(() => {});
    }
  });

  it('explains what is missing instead of failing obscurely', async () => {
    const noName = await cli('legal-entity', 'create');
    expect(noName.code).toBe(2);
    expect(noName.stderr).toContain('--name is required');
    const noKey = await run(TSX, [CLI, 'legal-entity', 'list'], {
      env: { ...env, PLANNER_MASTER_KEY: '' },
    }).catch((e: { code: number; stderr: string }) => e);
    expect((noKey as { stderr: string }).stderr).toContain('PLANNER_MASTER_KEY');
    const wrongArgs = await cli('api-key', 'revoke');
    expect(wrongArgs.code).toBe(2);
  });
});
