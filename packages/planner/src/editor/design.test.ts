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
  it('reads a format 1 design (a rectangle) as four walls of the same size, items untouched', () => {
    const d = {
      room: { width_cm: 300, depth_cm: 200, unit: 'cm' },
      items: [{ id: 'a', catalog_id: 'sofa', x: 1, y: 2, rotation: 90 }],
    };
    expect(sanitizeDesign(d)).toEqual({
      room: {
        width_cm: 300,
        depth_cm: 200,
        unit: 'cm',
        corners: [
          { x: 0, y: 0 },
          { x: 300, y: 0 },
          { x: 300, y: 200 },
          { x: 0, y: 200 },
        ],
        wall_thickness_cm: 10,
        openings: [],
      },
      items: d.items,
    });
  });

  it('keeps a valid format 2 design as it is', () => {
    const room = {
      width_cm: 400,
      depth_cm: 300,
      unit: 'ft',
      corners: [
        { x: 0, y: 0 },
        { x: 400, y: 0 },
        { x: 400, y: 300 },
        { x: 200, y: 300 },
        { x: 200, y: 150 },
        { x: 0, y: 150 },
      ],
      wall_thickness_cm: 15,
      openings: [
        {
          id: 'd',
          wall: 0,
          offset_cm: 60,
          width_cm: 80,
          height_cm: 205,
          kind: 'door',
          hinge: 'end',
          swing: 'out',
        },
        { id: 'w', wall: 1, offset_cm: 150, width_cm: 100, height_cm: 120, kind: 'window', sill_cm: 80 },
      ],
    };
    expect(sanitizeDesign({ room, items: [] })).toEqual({ room, items: [] });
  });

  it('falls back to the box when the corners cross, and drops openings that do not fit', () => {
    const crossing = [
      { x: 0, y: 0 },
      { x: 300, y: 200 },
      { x: 300, y: 0 },
      { x: 0, y: 200 },
    ];
    const d = sanitizeDesign({
      room: { width_cm: 300, depth_cm: 200, unit: 'm', corners: crossing },
      items: [],
    });
    expect(d?.room.corners).toEqual([
      { x: 0, y: 0 },
      { x: 300, y: 0 },
      { x: 300, y: 200 },
      { x: 0, y: 200 },
    ]);
    const square = [
      { x: 0, y: 0 },
      { x: 100, y: 0 },
      { x: 100, y: 100 },
      { x: 0, y: 100 },
    ];
    const wide = { id: 'd', wall: 0, offset_cm: 50, width_cm: 150, height_cm: 200, kind: 'door' };
    const lost = { id: 'w', wall: 9, offset_cm: 50, width_cm: 50, height_cm: 200, kind: 'window' };
    const e = sanitizeDesign({
      room: { width_cm: 100, depth_cm: 100, unit: 'm', corners: square, openings: [wide, lost] },
      items: [],
    });
    expect(e?.room.openings).toEqual([]);
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
