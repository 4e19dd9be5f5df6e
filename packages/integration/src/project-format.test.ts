import { createWebServices, RequestQueue, TokenStore } from '@planner/api-client';
import { PROJECT_FORMAT, sanitizeDesign, storedRoom } from '@planner/planner';
import { onboardHost, startTestPlatform, type TestPlatform, tokenFor } from '@planner/platform/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';

// Issue 11: a project saved before rooms had walls opens, unchanged, as a four-wall room; a
// room of walls saved by the planner reads back as it was. The planner's own reader against
// the real platform and its database.
const HOST = 'http://127.0.0.1:5173';
let tp: TestPlatform;
let services: ReturnType<typeof createWebServices>;
let queue: RequestQueue;

beforeAll(async () => {
  tp = await startTestPlatform();
  const { apiKey } = await onboardHost(tp, { origins: [HOST] });
  const key = { id: apiKey.id, secretKey: apiKey.secretKey };
  const tokens = new TokenStore();
  const params = { kind: 'user', user_id: `format-${crypto.randomUUID()}`, scope: 'read write' } as const;
  tokens.install(await tokenFor(tp, key, params), { origin: HOST });
  queue = new RequestQueue({
    tokens,
    visibility: null,
    fetch: (i, init) => fetch(i, init),
    requestToken: () => {},
  });
  services = createWebServices({ baseUrl: tp.url, queue });
}, 60_000);
afterAll(async () => {
  queue.destroy();
  await tp.close();
});

const items = [{ id: 'sofa-1', catalog_id: 'sofa-3-seat', x: 200, y: 100, rotation: 90 }];

it('an old-format project from the database opens as a four-wall room, items unchanged', {
  timeout: 30_000,
}, async () => {
  const { project } = await services.createProject({
    name: 'Before walls',
    room: { width_cm: 420, depth_cm: 360, unit: 'cm' },
    items,
  });
  // Exactly as a row written before migration 008: the room document of format 1, no format set.
  await tp.platform.services.db.query(
    `update projects set format = default, room = '{"width_cm": 420, "depth_cm": 360, "unit": "cm"}' where id = $1`,
    [project.id],
  );
  const { project: stored } = await services.getProject(project.id);
  expect(stored.format).toBe(1);
  const design = sanitizeDesign(stored);
  expect(design?.items).toEqual(items);
  expect(design?.room).toEqual({
    width_cm: 420,
    depth_cm: 360,
    unit: 'cm',
    corners: [
      { x: 0, y: 0 },
      { x: 420, y: 0 },
      { x: 420, y: 360 },
      { x: 0, y: 360 },
    ],
    wall_thickness_cm: 10,
    openings: [],
  });
});

it('a room of walls with a door and a window round-trips through the platform', {
  timeout: 30_000,
}, async () => {
  const room = sanitizeDesign({
    room: {
      width_cm: 600,
      depth_cm: 450,
      unit: 'ft',
      corners: [
        { x: 0, y: 0 },
        { x: 600, y: 0 },
        { x: 600, y: 450 },
        { x: 300, y: 450 },
        { x: 300, y: 250 },
        { x: 0, y: 250 },
      ],
      wall_thickness_cm: 14,
      openings: [
        {
          id: 'd',
          kind: 'door',
          wall: 1,
          offset_cm: 120.5,
          width_cm: 85,
          height_cm: 205,
          hinge: 'end',
          swing: 'out',
        },
        { id: 'w', kind: 'window', wall: 0, offset_cm: 300, width_cm: 140, height_cm: 130, sill_cm: 85 },
      ],
    },
    items,
  })!.room;
  const input = { format: PROJECT_FORMAT, name: 'Walls', room: storedRoom(room), items };
  const { project, etag } = await services.createProject(input);
  const { project: updated } = await services.updateProject(project.id, { ...input, name: 'Walls 2' }, etag);
  const { project: read } = await services.getProject(updated.id);
  expect(read.format).toBe(PROJECT_FORMAT);
  expect(read.room).toEqual(storedRoom(room));
  expect(sanitizeDesign(read)).toEqual({ room, items });
});
