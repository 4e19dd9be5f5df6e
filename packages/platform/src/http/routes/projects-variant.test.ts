import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SessionCall, shopperSession } from '../../testing/shopper-session.ts';
import { startTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';

// Issue 12: a placed piece keeps the variant (colour, material) the shopper chose.

let tp: TestPlatform;
let call: SessionCall;

beforeAll(async () => {
  tp = await startTestPlatform();
  ({ call } = await shopperSession(tp));
});
afterAll(() => tp.close());

const room = { width_cm: 420, depth_cm: 360, unit: 'cm' };
const piece = { id: 'p1', catalog_id: 'dining-chair', x: 100, y: 100, rotation: 0 };

describe('a placed piece’s variant', () => {
  it('round-trips in a format 1 project, beside a piece without one', async () => {
    const body = {
      name: 'Chairs',
      room,
      items: [
        { ...piece, variant: 'dining-chair-black' },
        { ...piece, id: 'p2' },
      ],
    };
    const created = await call('POST', '/v1/projects', body);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const read = (await (await call('GET', `/v1/projects/${id}`)).json()) as { items: unknown[] };
    expect(read.items).toEqual(body.items);
    // The piece without one has no `variant` key at all: old readers see what they always saw.
    expect(Object.keys(read.items[1] as object).sort()).toEqual(['catalog_id', 'id', 'rotation', 'x', 'y']);
  });

  it('is kept when the catalog has no such variant (the planner flags it, never drops it)', async () => {
    const body = { name: 'Gone', room, items: [{ ...piece, variant: 'never-sold-colour' }] };
    const created = await call('POST', '/v1/projects', body);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const read = (await (await call('GET', `/v1/projects/${id}`)).json()) as { items: unknown[] };
    expect(read.items).toEqual(body.items);
  });

  it.each([
    ['an empty one', ''],
    ['one with a space', 'black oak'],
    ['one longer than a SKU', 'x'.repeat(65)],
    ['a number', 7],
    ['null', null],
  ])('refuses %s with 400 invalid_request', async (_, variant) => {
    const res = await call('POST', '/v1/projects', { name: 'x', room, items: [{ ...piece, variant }] });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request' });
  });
});
