import { describe, expect, it } from 'vitest';
import { draftKey, parseDraft } from './draft.ts';

const valid = {
  v: 1,
  savedAt: '2025-01-01T00:00:00.000Z',
  project: { id: 'p1', etag: '"v2"', version: 2, name: 'Living room', ownerId: 'shopper-1' },
  design: {
    room: { width_cm: 420, depth_cm: 380, unit: 'cm' },
    items: [{ id: 'a', catalog_id: 'sofa', x: 100, y: 60, rotation: 0 }],
  },
  dirty: true,
  pendingSave: { key: 'k-1', fingerprint: 'f' },
};

describe('draftKey', () => {
  it('is scoped to the planner origin and the owner', () => {
    expect(draftKey('https://planner.example', 'visitor:le1')).toBe(
      'planner:draft:v1:https://planner.example:visitor:le1',
    );
    expect(draftKey('https://a.example', 'visitor:le1')).not.toBe(
      draftKey('https://b.example', 'visitor:le1'),
    );
    expect(draftKey('https://a.example', 'user:le1:ada')).not.toBe(
      draftKey('https://a.example', 'user:le1:ben'),
    );
    expect(draftKey('https://a.example', 'user:le1:ada')).not.toBe(
      draftKey('https://a.example', 'user:le2:ada'),
    );
  });
});

describe('parseDraft', () => {
  it('reads back what was stored; a draft from before walls opens as four walls', () => {
    const d = parseDraft(JSON.stringify(valid));
    expect(d).toMatchObject({
      ...valid,
      design: { ...valid.design, room: { ...valid.design.room, openings: [] } },
    });
    expect(d?.design.room.corners).toHaveLength(4);
    expect(parseDraft(JSON.stringify(d))).toEqual(d);
  });

  it('ignores missing, corrupt and foreign values', () => {
    expect(parseDraft(null)).toBeNull();
    expect(parseDraft('{not json')).toBeNull();
    expect(parseDraft('"a string"')).toBeNull();
    expect(parseDraft(JSON.stringify({ ...valid, v: 2 }))).toBeNull();
    expect(parseDraft(JSON.stringify({ ...valid, design: { room: 'big' } }))).toBeNull();
  });

  it('fills in a damaged project part instead of dropping the design', () => {
    const d = parseDraft(JSON.stringify({ ...valid, project: { name: '' }, pendingSave: { key: 1 } }));
    expect(d?.project).toEqual({ id: null, etag: null, version: null, name: 'Untitled room', ownerId: null });
    expect(d?.pendingSave).toBeNull();
    expect(d?.design.items).toHaveLength(1);
  });

  it('treats anything but dirty: true as clean', () => {
    expect(parseDraft(JSON.stringify({ ...valid, dirty: 'yes' }))?.dirty).toBe(false);
  });
});
