import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  clusterTestSetting,
  eventually,
  kidOf,
  projectBody,
  startTestCluster,
  type TestCluster,
} from './testing.ts';

const setting = await clusterTestSetting('cluster-consistency.test.ts');
const repo = new URL('../../../../', import.meta.url).pathname;

/**
 * Issue 10, "Prove it": three platform processes on one PostgreSQL behind HAProxy agree on
 * tokens, signing keys and idempotent writes, whichever instance a request lands on.
 * (Revocations: cluster-revocation.test.ts.)
 */
describe.runIf(setting.run)('[PostgreSQL + HAProxy] three instances agree', () => {
  let t: TestCluster;
  let targets: string[];
  beforeAll(async () => {
    // A rotated key signs 2 s after it is published (the JWKS may be cached 1 s): short, so the test is.
    t = await startTestCluster(setting.databaseUrl, {
      PLANNER_JWKS_MAX_AGE: '1',
      PLANNER_KEY_ACTIVATION_DELAY: '2',
    });
    targets = [...t.cluster.instances.map((i) => i.url), t.cluster.urls.balancer];
  }, 120_000);
  afterAll(() => t?.close(), 60_000);

  const me = async (url: string, token: string) => {
    const response = await fetch(`${url}/v1/me`, bearer(token));
    await response.body?.cancel();
    return response.status;
  };

  it('a token issued by any instance works on every instance and through the balancer', async () => {
    for (const [n, issuer] of targets.entries()) {
      const token = await t.userToken(issuer, `user-${n}`);
      const answers = await Promise.all(targets.map((target) => me(target, token)));
      expect(answers, `token from ${issuer}`).toEqual(targets.map(() => 200));
    }
    // A forged one is refused everywhere: the 200s above are not a check that never fails.
    const forged = `${(await t.userToken(targets[0]!, 'forged')).slice(0, -4)}AAAA`;
    expect(await Promise.all(targets.map((target) => me(target, forged)))).toEqual(targets.map(() => 401));
  });

  it('a signing key rotated by the operator is published and then used by every instance', async () => {
    const before = await t.userToken(t.cluster.instances[0]!.url, 'before-rotation');
    const oldKid = kidOf(before);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'packages/platform/src/cli/main.ts', 'signing-key', 'rotate', '--json'],
      { cwd: repo, env: t.cluster.env, timeout: 60_000 },
    );
    const rotated = JSON.parse(stdout) as { kid: string };
    expect(rotated.kid).not.toBe(oldKid);

    // Published on every instance at once (the rotation's notification), before it signs.
    for (const instance of t.cluster.instances) {
      await eventually(`${instance.url} publishes ${rotated.kid}`, async () => {
        const jwks = (await (await fetch(`${instance.url}/.well-known/jwks.json`)).json()) as {
          keys: { kid: string }[];
        };
        return jwks.keys.some((k) => k.kid === rotated.kid) || undefined;
      });
    }
    // Then every instance signs with it, and every instance accepts what another signed.
    const fresh: string[] = [];
    for (const instance of t.cluster.instances) {
      fresh.push(
        await eventually(`${instance.url} signs with ${rotated.kid}`, async () => {
          const token = await t.userToken(instance.url, `after-${instance.options.name}`);
          return kidOf(token) === rotated.kid ? token : undefined;
        }),
      );
    }
    for (const token of [...fresh, before]) {
      expect(await Promise.all(targets.map((target) => me(target, token)))).toEqual(targets.map(() => 200));
    }
  }, 60_000);

  it('an idempotent write replayed on another instance is not applied twice', async () => {
    const token = await t.userToken(t.cluster.urls.balancer, 'idempotent');
    const save = (url: string, key: string, name: string) =>
      fetch(
        `${url}/v1/projects`,
        bearer(token, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
          body: JSON.stringify(projectBody(name)),
        }),
      );

    // One after another: the first applies, every other instance replays its answer.
    const key = randomUUID();
    const answers: { status: number; id: string; replayed: string | null }[] = [];
    for (const target of targets) {
      const response = await save(target, key, 'Replayed room');
      answers.push({
        status: response.status,
        id: ((await response.json()) as { id: string }).id,
        replayed: response.headers.get('Idempotent-Replayed'),
      });
    }
    expect(answers[0]).toMatchObject({ status: 201, replayed: null });
    for (const replay of answers.slice(1))
      expect(replay).toEqual({ status: 201, id: answers[0]!.id, replayed: 'true' });

    // All at once, one per instance: one applies; the others replay it or are told it is in progress.
    const racing = randomUUID();
    const statuses = await Promise.all(
      t.cluster.instances.map(async (instance) => {
        const response = await save(instance.url, racing, 'Raced room');
        await response.body?.cancel();
        return response.status;
      }),
    );
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);

    const list = (await (await fetch(`${t.cluster.urls.balancer}/v1/projects`, bearer(token))).json()) as {
      projects: { name: string }[];
    };
    expect(list.projects.filter((p) => p.name === 'Replayed room')).toHaveLength(1);
    expect(list.projects.filter((p) => p.name === 'Raced room')).toHaveLength(1);
  });
});
