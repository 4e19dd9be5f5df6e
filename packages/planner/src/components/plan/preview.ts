import type { CatalogIndex, Design, PlacedItem } from '../../editor/design.ts';
import { normalizeRotation } from '../../editor/design.ts';
import { snap, snapAngle, snapItemCentre } from '../../editor/snap.ts';
import { RoomEditError } from '../../room/reshape.ts';

type RoomEdits = typeof import('../../room/room-editing.ts');
let edits: RoomEdits | undefined;
/**
 * The room edits a corner, wall or opening drag previews with: loaded when such a drag or
 * key press starts (the first move comes later), not with the planner.
 */
export function loadRoomEdits(): Promise<RoomEdits> {
  return import('../../room/room-editing.ts').then((m) => {
    edits = m;
    return m;
  });
}

import { outwardNormal, wallDirection } from '../../room/polygon.ts';
import type { PlannerAction } from '../actions.ts';
import type { Point } from './drag.ts';
import type { View } from './view.ts';
import { keepNear } from './view.ts';

/** What a press on the plan grabbed. */
export type Target =
  | { kind: 'move' | 'rotate'; id: string; origin: PlacedItem; grab: Point }
  | { kind: 'corner' | 'wall'; index: number; grab: Point }
  | { kind: 'opening'; id: string }
  | { kind: 'pan'; start: Point; view: View };

export interface Preview {
  item: PlacedItem | null;
  room: Design['room'] | null;
}

interface Context {
  design: Design;
  catalog: CatalogIndex;
  /** The grid step to snap to, or 0 for none (snapping off, or Alt held). */
  step: number;
  /** The preview so far: a room edit that would make no room keeps the last good shape. */
  last: Preview;
}

/** The preview of a drag with the pointer at plan point `p`. */
export function previewDrag(t: Exclude<Target, { kind: 'pan' }>, p: Point, ctx: Context): Preview {
  const { design, step } = ctx;
  const room = design.room;
  const keep = (next: (m: RoomEdits) => Design['room']): Preview => {
    if (!edits) return ctx.last;
    const m = edits;
    try {
      return { item: null, room: next(m) };
    } catch (error) {
      if (!(error instanceof RoomEditError)) throw error;
      return ctx.last;
    }
  };
  const fine = (v: number) => (step ? snap(v, step) : Math.round(v * 10) / 10);
  switch (t.kind) {
    case 'rotate': {
      const { origin } = t;
      const angle = (Math.atan2(p.x - origin.x, -(p.y - origin.y)) * 180) / Math.PI;
      return {
        item: { ...origin, rotation: normalizeRotation(step ? snapAngle(angle, 15) : Math.round(angle)) },
        room: null,
      };
    }
    case 'move': {
      const { origin } = t;
      // Pieces stay near the room: one can stand outside (flagged) but never get lost.
      let { x, y } = keepNear(room, origin.x + p.x - t.grab.x, origin.y + p.y - t.grab.y);
      if (step) {
        const c = ctx.catalog.get(origin.catalog_id);
        ({ x, y } = snapItemCentre(x, y, c?.width_cm ?? 50, c?.depth_cm ?? 50, origin.rotation, step));
      } else {
        x = Math.round(x * 10) / 10;
        y = Math.round(y * 10) / 10;
      }
      return { item: { ...origin, x, y }, room: null };
    }
    case 'corner':
      return keep((m) => m.moveCorner(room, t.index, { x: fine(p.x), y: fine(p.y) }));
    case 'wall': {
      const n = outwardNormal(room.corners, t.index);
      return keep((m) => m.moveWall(room, t.index, fine((p.x - t.grab.x) * n.x + (p.y - t.grab.y) * n.y)));
    }
    case 'opening': {
      const o = room.openings.find((x) => x.id === t.id);
      if (!o) return ctx.last;
      const a = room.corners[o.wall]!;
      const dir = wallDirection(room.corners, o.wall);
      return keep((m) =>
        m.updateOpening(room, t.id, { offset_cm: fine((p.x - a.x) * dir.x + (p.y - a.y) * dir.y) }),
      );
    }
  }
}

/** The action a finished drag reports, or null when it changed nothing. */
export function finishDrag(t: Target, design: Design, preview: Preview): PlannerAction | null {
  const { item, room } = preview;
  switch (t.kind) {
    case 'pan':
      return null;
    case 'rotate':
      return item && item.rotation !== t.origin.rotation
        ? { type: 'rotate', id: t.id, rotation: item.rotation }
        : null;
    case 'move':
      return item && (item.x !== t.origin.x || item.y !== t.origin.y)
        ? { type: 'move', id: t.id, x: item.x, y: item.y }
        : null;
    case 'corner': {
      const c = room?.corners[t.index];
      return c ? { type: 'room-edit', edit: { kind: 'corner', index: t.index, x: c.x, y: c.y } } : null;
    }
    case 'wall': {
      const before = design.room.corners[t.index];
      const after = room?.corners[t.index];
      if (!before || !after) return null;
      const n = outwardNormal(design.room.corners, t.index);
      const distance = Math.round(((after.x - before.x) * n.x + (after.y - before.y) * n.y) * 10) / 10;
      return distance ? { type: 'room-edit', edit: { kind: 'wall', index: t.index, distance } } : null;
    }
    case 'opening': {
      const o = room?.openings.find((x) => x.id === t.id);
      return o
        ? { type: 'room-edit', edit: { kind: 'opening', id: t.id, patch: { offset_cm: o.offset_cm } } }
        : null;
    }
  }
}
