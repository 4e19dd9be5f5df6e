import { createWebServices, RequestQueue, TokenStore, type WebServices } from '@planner/api-client';
import { FakeServices } from '@planner/planner/testing';
import { onboardHost, startTestPlatform, type TestPlatform, tokenFor } from '@planner/platform/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

/**
 * The contract of the project web services that the planner's tests rely on, run against
 * FakeServices and against the real platform (WebServices over HTTP), so the fake cannot
 * drift from what the platform does with ETags and Idempotency-Keys.
 */
type ProjectServices = Pick<
  WebServices,
  'createProject' | 'getProject' | 'updateProject' | 'deleteProject' | 'listProjects'
>;

const HOST = 'http://127.0.0.1:5173';
const room = { width_cm: 400, depth_cm: 300, unit: 'cm' as const };
const input = (name: string) => ({ name, room, items: [] });

let tp: TestPlatform;
let key: { id: string; secretKey: string };
const queues: RequestQueue[] = [];

beforeAll(async () => {
  tp = await startTestPlatform();
  const { apiKey } = await onboardHost(tp, { origins: [HOST] });
  key = { id: apiKey.id, secretKey: apiKey.secretKey };
}, 60_000);
afterAll(async () => {
  for (const queue of queues.splice(0)) queue.destroy();
  await tp.close();
});

/** The platform's web services as a fresh signed-in user (so every test sees only its own projects). */
async function platformServices(): Promise<ProjectServices> {
  const tokens = new TokenStore();
  const params = { kind: 'user', user_id: `contract-${crypto.randomUUID()}`, scope: 'read write' } as const;
  const installed = tokens.install(await tokenFor(tp, key, params), { origin: HOST });
  if (!installed.ok) throw new Error(`token refused: ${installed.reason}`);
  const queue = new RequestQueue({ tokens, visibility: null, requestToken: () => {} });
  queues.push(queue);
  return createWebServices({ baseUrl: tp.url, queue });
}

const subjects: [string, () => Promise<ProjectServices>][] = [
  ['FakeServices', async () => new FakeServices()],
  ['the platform', platformServices],
];

describe.each(subjects)('the project services of %s', { timeout: 30_000 }, (_name, make) => {
  let services: ProjectServices;
  beforeEach(async () => {
    services = await make();
  });

  it('creates version 1 with an ETag that a read returns unchanged', async () => {
    const created = await services.createProject(input('First'));
    expect(created.project).toMatchObject({ name: 'First', version: 1 });
    expect(created.etag).toMatch(/^"[^"]+"$/);
    const read = await services.getProject(created.project.id);
    expect(read.etag).toBe(created.etag);
    expect(read.project).toEqual(created.project);
  });

  it('updates with the current ETag, and refuses a stale or weak one with CONFLICT', async () => {
    const v1 = await services.createProject(input('Versions'));
    const v2 = await services.updateProject(v1.project.id, input('Versions 2'), v1.etag);
    expect(v2.project).toMatchObject({ name: 'Versions 2', version: 2 });
    expect(v2.etag).not.toBe(v1.etag);
    await expect(services.updateProject(v1.project.id, input('Stale'), v1.etag)).rejects.toMatchObject({
      code: 'CONFLICT',
      status: 412,
    });
    // If-Match compares strongly: a weak validator never matches.
    await expect(services.updateProject(v1.project.id, input('Weak'), `W/${v2.etag}`)).rejects.toMatchObject({
      code: 'CONFLICT',
      status: 412,
    });
    expect((await services.getProject(v1.project.id)).project).toMatchObject({
      name: 'Versions 2',
      version: 2,
    });
  });

  it('takes `*` and a list of ETags in If-Match', async () => {
    const v1 = await services.createProject(input('Any'));
    const v2 = await services.updateProject(v1.project.id, input('Any 2'), '*');
    expect(v2.project.version).toBe(2);
    const v3 = await services.updateProject(v1.project.id, input('Any 3'), `${v1.etag}, ${v2.etag}`);
    expect(v3.project.version).toBe(3);
    await expect(
      services.updateProject(v1.project.id, input('None'), `${v1.etag}, ${v2.etag}`),
    ).rejects.toMatchObject({ code: 'CONFLICT', status: 412 });
  });

  it('applies a create once per Idempotency-Key and answers a retry with the first answer', async () => {
    const first = await services.createProject(input('Once'), { idempotencyKey: 'create-once' });
    const again = await services.createProject(input('Once'), { idempotencyKey: 'create-once' });
    expect(again).toEqual(first);
    const { projects } = await services.listProjects();
    expect(projects.map((p) => p.id)).toEqual([first.project.id]);
  });

  it('applies an update once per Idempotency-Key', async () => {
    const v1 = await services.createProject(input('Update once'));
    const first = await services.updateProject(v1.project.id, input('Updated'), v1.etag, {
      idempotencyKey: 'update-once',
    });
    const again = await services.updateProject(v1.project.id, input('Updated'), v1.etag, {
      idempotencyKey: 'update-once',
    });
    expect(again).toEqual(first);
    expect((await services.getProject(v1.project.id)).project.version).toBe(2);
  });

  it('refuses an Idempotency-Key reused for another request', async () => {
    await services.createProject(input('Original'), { idempotencyKey: 'reused' });
    await expect(
      services.createProject(input('Something else'), { idempotencyKey: 'reused' }),
    ).rejects.toMatchObject({ code: 'HTTP_ERROR', status: 422, platformError: 'idempotency_key_reused' });
    expect((await services.listProjects()).projects.map((p) => p.name)).toEqual(['Original']);
  });

  it('deletes with the current ETag only, then the project is gone (404)', async () => {
    const v1 = await services.createProject(input('Doomed'));
    const v2 = await services.updateProject(v1.project.id, input('Doomed 2'), v1.etag);
    await expect(services.deleteProject(v1.project.id, v1.etag)).rejects.toMatchObject({
      code: 'CONFLICT',
      status: 412,
    });
    await services.deleteProject(v1.project.id, v2.etag);
    await expect(services.getProject(v1.project.id)).rejects.toMatchObject({
      code: 'HTTP_ERROR',
      status: 404,
      platformError: 'not_found',
    });
  });

  it('answers a repeated delete with the same Idempotency-Key as the first', async () => {
    const v1 = await services.createProject(input('Deleted once'));
    await services.deleteProject(v1.project.id, v1.etag, { idempotencyKey: 'delete-once' });
    await expect(
      services.deleteProject(v1.project.id, v1.etag, { idempotencyKey: 'delete-once' }),
    ).resolves.toBeUndefined();
    await expect(services.deleteProject(v1.project.id, v1.etag)).rejects.toMatchObject({ status: 404 });
  });
});
