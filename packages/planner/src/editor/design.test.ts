import { describe, expect, it } from 'vitest';
import { normalizeRotation, sanitizeDesign } from './design.ts';

describe('normalizeRotation', () => {
  it('wraps into [0, 360)', () => {
    expect(normalizeRotation(360)).toBe(0);
    expect(normalizeRotation(-90)).toBe(270);
    expect(normalizeRotation(725)).toBe(5);
    expect(normalizeRotation(359.999)).toBe(0);
    expect(normalizeRotation(Number.NaN)).toBe(0);
  });
});

describe('sanitizeDesign', () => {
  it('keeps a valid design', () => {
    const d = {
      room: { width_cm: 300, depth_cm: 200, unit: 'cm' },
      items: [{ id: 'a', catalog_id: 'sofa', x: 1, y: 2, rotation: 90 }],
    };
    expect(sanitizeDesign(d)).toEqual(d);
  });

  it('drops malformed and duplicate items and extra fields', () => {
    const d = sanitizeDesign({
      room: { width_cm: 300, depth_cm: 200, unit: 'yards' },
      items: [
        { id: 'a', catalog_id: 'sofa', x: 1, y: 2, rotation: 0, colour: 'red' },
        { id: 'a', catalog_id: 'sofa', x: 1, y: 2, rotation: 0 },
        { id: 'b', catalog_id: 'sofa', x: 'far', y: 2, rotation: 0 },
        { id: 'c', catalog_id: '', x: 1, y: 2, rotation: 0 },
        null,
      ],
    });
    expect(d?.room.unit).toBe('m');
    expect(d?.items).toEqual([{ id: 'a', catalog_id: 'sofa', x: 1, y: 2, rotation: 0 }]);
  });

  it('rejects what is not a design', () => {
    expect(sanitizeDesign(null)).toBeNull();
    expect(sanitizeDesign({ room: {}, items: [] })).toBeNull();
    expect(sanitizeDesign({ room: { width_cm: 1, depth_cm: 1 } })).toBeNull();
  });
});
