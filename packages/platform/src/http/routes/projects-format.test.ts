import { PROJECT_FORMAT } from '@planner/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SessionCall, shopperSession } from '../../testing/shopper-session.ts';
import { startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';

let tp: TestPlatform;
let call: SessionCall;

beforeAll(async () => {
  tp = await startTestPlatform();
  ({ call } = await shopperSession(tp));
});
afterAll(() => tp.close());

/** An L-shaped room, 500 × 400 with a 200 × 150 notch, a door and a window. */
const lRoom = () => ({
  width_cm: 500,
  depth_cm: 400,
  unit: 'ft' as const,
  corners: [
    { x: 0, y: 0 },
    { x: 500, y: 0 },
    { x: 500, y: 250 },
    { x: 300, y: 250 },
    { x: 300, y: 400 },
    { x: 0, y: 400 },
  ],
  wall_thickness_cm: 12,
  openings: [
    {
      id: 'd1',
      kind: 'door' as const,
      wall: 0,
      offset_cm: 100,
      width_cm: 80,
      height_cm: 205,
      hinge: 'start' as const,
      swing: 'in' as const,
    },
    {
      id: 'w1',
      kind: 'window' as const,
      wall: 5,
      offset_cm: 200,
      width_cm: 120,
      height_cm: 120,
      sill_cm: 90,
    },
  ],
});
const v2 = (room: unknown) => ({ format: PROJECT_FORMAT, name: 'L room', room, items: [] });

describe('project format', () => {
  it('a format 2 project round-trips exactly', async () => {
    const body = v2(lRoom());
    const created = await call('POST', '/v1/projects', body);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const read = (await (await call('GET', `/v1/projects/${id}`)).json()) as Record<string, unknown>;
    expect({ format: read.format, name: read.name, room: read.room, items: read.items }).toEqual(body);
  });

  it('a format 2 room keeps its wall height', async () => {
    const body = v2({ ...lRoom(), wall_height_cm: 275 });
    const created = await call('POST', '/v1/projects', body);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const read = (await (await call('GET', `/v1/projects/${id}`)).json()) as {
      room: { wall_height_cm?: number };
    };
    expect(read.room.wall_height_cm).toBe(275);
  });

  it('a project saved before format 2 reads back unchanged, as format 1', async () => {
    const old = { name: 'Old', room: { width_cm: 420, depth_cm: 360, unit: 'cm' }, items: [] };
    const created = await call('POST', '/v1/projects', old);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    // As a row written before migration 008: no format column set by the writer.
    await tp.platform.services.db.query(`update projects set format = default where id = $1`, [id]);
    const read = (await (await call('GET', `/v1/projects/${id}`)).json()) as Record<string, unknown>;
    expect(read).toMatchObject({ ...old, format: 1 });
    expect(read.room).toEqual(old.room);
  });

  it.each([
    ['walls in format 1', { name: 'x', room: lRoom(), items: [] }],
    ['format 2 without walls', v2({ width_cm: 500, depth_cm: 400, unit: 'm' })],
    [
      'crossing walls',
      v2({
        ...lRoom(),
        corners: [
          { x: 0, y: 0 },
          { x: 500, y: 400 },
          { x: 500, y: 0 },
          { x: 0, y: 400 },
        ],
        openings: [],
      }),
    ],
    ['a box that does not match the corners', v2({ ...lRoom(), width_cm: 600 })],
    ['an opening past its wall', v2({ ...lRoom(), openings: [{ ...lRoom().openings[0]!, offset_cm: 480 }] })],
    ['an opening in no wall', v2({ ...lRoom(), openings: [{ ...lRoom().openings[0]!, wall: 6 }] })],
    ['a door without a hinge', v2({ ...lRoom(), openings: [{ ...lRoom().openings[0]!, hinge: undefined }] })],
    ['a future format', { ...v2(lRoom()), format: PROJECT_FORMAT + 1 }],
    [
      'a wall height in format 1',
      { name: 'x', room: { width_cm: 500, depth_cm: 400, unit: 'm', wall_height_cm: 250 }, items: [] },
    ],
    ['walls lower than 1.80 m', v2({ ...lRoom(), wall_height_cm: 179 })],
    ['walls higher than 4 m', v2({ ...lRoom(), wall_height_cm: 401 })],
    ['a wall height as text', v2({ ...lRoom(), wall_height_cm: '250' })],
  ])('refuses %s with 400 invalid_request', async (_, body) => {
    const res = await call('POST', '/v1/projects', body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('/openapi.json documents the format, the walls and the openings', async () => {
    type Schema = { properties?: Record<string, { description?: string }>; oneOf?: unknown[] };
    const doc = (await (await fetch(`${tp.url}/openapi.json`)).json()) as {
      components: { schemas: Record<string, Schema> };
    };
    const { ProjectInput, Room, Door, RoomWindow, Opening } = doc.components.schemas;
    expect(ProjectInput?.properties?.format?.description).toContain(`${PROJECT_FORMAT}`);
    expect(Object.keys(Room?.properties ?? {})).toEqual(
      expect.arrayContaining(['corners', 'wall_thickness_cm', 'wall_height_cm', 'openings']),
    );
    expect(Object.keys(Door?.properties ?? {})).toEqual(
      expect.arrayContaining(['hinge', 'swing', 'width_cm']),
    );
    expect(Object.keys(RoomWindow?.properties ?? {})).toEqual(
      expect.arrayContaining(['sill_cm', 'width_cm']),
    );
    expect(Opening?.oneOf).toHaveLength(2);
  });
});
