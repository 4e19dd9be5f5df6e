import { describe, expect, it } from 'vitest';
import { rectRoom } from '../../testing/fixtures.ts';
import { DragController } from './drag.ts';
import { fitBox, fitView, keepNear, MAX_ZOOM, panBy, viewBox, zoomAt } from './view.ts';

const room = rectRoom(500, 400);
const fit = fitBox(room, 1);

describe('the view', () => {
  it('zooms about a point: that point stays where it is on screen', () => {
    const v = fitView(fit);
    const at = { x: 100, y: 300 };
    const before = viewBox(v, fit);
    const z = zoomAt(v, 2, at, fit);
    const after = viewBox(z, fit);
    // The point's place as a fraction of the view box is the same before and after.
    expect((at.x - after.x) / after.w).toBeCloseTo((at.x - before.x) / before.w, 9);
    expect((at.y - after.y) / after.h).toBeCloseTo((at.y - before.y) / before.h, 9);
    expect(after.w).toBeCloseTo(before.w / 2, 9);
    expect(zoomAt(v, 1000, at, fit).zoom).toBe(MAX_ZOOM);
  });

  it('pans, but never so far the room leaves the view', () => {
    const far = panBy(fitView(fit), 1e6, -1e6, fit);
    expect(far.cx).toBe(fit.x + fit.w);
    expect(far.cy).toBe(fit.y);
  });

  it('keeps a piece within a metre of the room', () => {
    expect(keepNear(room, 5000, -5000)).toEqual({ x: 600, y: -100 });
    expect(keepNear(room, 250, 200)).toEqual({ x: 250, y: 200 });
  });
});

describe('DragController', () => {
  const pointer = (pointerId: number, x: number, y: number, pointerType = 'touch') =>
    ({ pointerId, clientX: x, clientY: y, pointerType }) as PointerEvent;
  const host = () => {
    const log: string[] = [];
    const c = new DragController<string>({
      preview: (t, p) => log.push(`preview ${t} ${p.x}`),
      finish: (t) => log.push(`finish ${t}`),
      cancel: (t) => log.push(`cancel ${t}`),
      pinch: (s, n) => log.push(`pinch ${n.distance / s.distance}`),
      pinchEnd: () => log.push('pinch end'),
    });
    return { c, log };
  };

  it('a press that does not move past the threshold is a tap, not a drag', () => {
    const { c, log } = host();
    c.start(pointer(1, 10, 10), 'piece');
    c.move(pointer(1, 12, 10));
    expect(c.up(pointer(1, 12, 10))).toEqual({ tapped: 'piece' });
    expect(log).toEqual([]);
  });

  it('a drag previews and finishes once', () => {
    const { c, log } = host();
    c.start(pointer(1, 10, 10), 'piece');
    c.move(pointer(1, 30, 10));
    expect(c.up(pointer(1, 30, 10))).toBeNull();
    expect(log).toEqual(['preview piece 30', 'finish piece']);
  });

  it('a second finger turns a drag into a pinch', () => {
    const { c, log } = host();
    c.start(pointer(1, 100, 100), 'piece');
    c.move(pointer(1, 110, 100));
    c.start(pointer(2, 210, 100), 'floor');
    c.move(pointer(2, 310, 100));
    c.up(pointer(2, 310, 100));
    expect(log).toEqual(['preview piece 110', 'cancel piece', 'pinch 2', 'pinch end']);
    expect(c.target).toBeUndefined();
  });
});
