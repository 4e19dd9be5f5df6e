/**
 * The room edits the shopper makes: templates, corners, walls, wall lengths and thickness,
 * doors and windows. Loaded with the first room edit (the canvas and the app import it
 * lazily); `reshape.ts` holds what a resize of the room's box needs at once.
 */
import { msg, str } from '@lit/localize';
import { type Opening, ROOM_LIMITS, type RoomPoint } from '@planner/contract';
import { type PlanRoom, rectangleCorners } from './format.ts';
import { refitOpenings } from './refit-openings.ts';
import { clampOffset, RoomEditError, round, withCorners } from './reshape.ts';

export { type RoomEditCode, RoomEditError, resizeRoom, withCorners } from './reshape.ts';

import { at, intersectLines, outwardNormal, wallDirection, wallLength } from './polygon.ts';

export type RoomTemplate = 'rectangle' | 'l-shape' | 'u-shape';
export const ROOM_TEMPLATES: readonly RoomTemplate[] = ['rectangle', 'l-shape', 'u-shape'];

/** A template's corners in a `width × depth` box: an L loses its lower-right quarter, a U a notch in its top. */
export function templateCorners(template: RoomTemplate, width: number, depth: number): RoomPoint[] {
  const w = width;
  const d = depth;
  const r = (v: number) => Math.round(v);
  switch (template) {
    case 'rectangle':
      return rectangleCorners(w, d);
    case 'l-shape':
      return [
        { x: 0, y: 0 },
        { x: w, y: 0 },
        { x: w, y: r(d * 0.5) },
        { x: r(w * 0.5), y: r(d * 0.5) },
        { x: r(w * 0.5), y: d },
        { x: 0, y: d },
      ];
    case 'u-shape':
      return [
        { x: 0, y: 0 },
        { x: r(w / 3), y: 0 },
        { x: r(w / 3), y: r(d * 0.45) },
        { x: r((2 * w) / 3), y: r(d * 0.45) },
        { x: r((2 * w) / 3), y: 0 },
        { x: w, y: 0 },
        { x: w, y: d },
        { x: 0, y: d },
      ];
  }
}

/**
 * The room in a template's outline, in the same box. Its doors and windows move to the
 * nearest wall of the new outline; those that no longer fit are dropped (`refitOpenings`),
 * and the caller says so.
 */
export function applyTemplate(room: PlanRoom, template: RoomTemplate): PlanRoom {
  const corners = templateCorners(template, room.width_cm, room.depth_cm);
  const { openings } = refitOpenings(room.corners, room.openings, corners);
  return withCorners({ ...room, openings }, corners);
}

export function moveCorner(room: PlanRoom, index: number, to: RoomPoint): PlanRoom {
  if (index < 0 || index >= room.corners.length)
    throw new RoomEditError('NO_SUCH_WALL', msg('No such corner.'));
  const corners = room.corners.slice();
  corners[index] = { x: round(to.x), y: round(to.y) };
  return withCorners(room, corners);
}

/**
 * Moves a wall `distance` cm along its outward normal (negative: into the room). Its ends
 * slide along the neighbouring walls, so those keep their direction; a neighbour parallel to
 * it (no meeting point) is stretched straight instead.
 */
export function moveWall(room: PlanRoom, wall: number, distance: number, exact = false): PlanRoom {
  const c = room.corners;
  const n = c.length;
  if (wall < 0 || wall >= n) throw new RoomEditError('NO_SUCH_WALL', msg('No such wall.'));
  const normal = outwardNormal(c, wall);
  const dir = wallDirection(c, wall);
  const a = at(c, wall);
  const start = { x: a.x + normal.x * distance, y: a.y + normal.y * distance };
  const fix = (v: RoomPoint) => (exact ? v : { x: round(v.x), y: round(v.y) });
  const end = (corner: number, neighbour: number) => {
    const p = at(c, corner);
    const meet = intersectLines(start, dir, p, wallDirection(c, neighbour));
    return fix(meet ?? { x: p.x + normal.x * distance, y: p.y + normal.y * distance });
  };
  const corners = c.slice();
  corners[wall] = end(wall, wall - 1 + n);
  corners[(wall + 1) % n] = end(wall + 1, wall + 1);
  return withCorners(room, corners);
}

/**
 * Makes a wall exactly `length` cm long by moving the next wall along its normal (its far
 * end slides along that wall's neighbour): a rectangle stays a rectangle. The wall's start
 * corner stays put.
 */
export function setWallLength(room: PlanRoom, wall: number, length: number): PlanRoom {
  const c = room.corners;
  const n = c.length;
  if (wall < 0 || wall >= n) throw new RoomEditError('NO_SUCH_WALL', msg('No such wall.'));
  if (!Number.isFinite(length) || length < ROOM_LIMITS.minWallCm)
    throw new RoomEditError('ROOM_TOO_SMALL', msg('The wall would be too short.'));
  const current = wallLength(c, wall);
  const dir = wallDirection(c, wall);
  const nextNormal = outwardNormal(c, wall + 1);
  const along = dir.x * nextNormal.x + dir.y * nextNormal.y;
  if (Math.abs(along) > 0.05) return moveWall(room, (wall + 1) % n, (length - current) * along, true);
  // The next wall runs on in the same line: move the end corner itself.
  const a = at(c, wall);
  const corners = c.slice();
  corners[(wall + 1) % n] = { x: a.x + dir.x * length, y: a.y + dir.y * length };
  return withCorners(room, corners);
}

export function setWallThickness(room: PlanRoom, cm: number): PlanRoom {
  if (!Number.isFinite(cm) || cm < ROOM_LIMITS.wallThicknessMinCm || cm > ROOM_LIMITS.wallThicknessMaxCm)
    throw new RoomEditError(
      'WALL_THICKNESS',
      msg(str`Walls are ${ROOM_LIMITS.wallThicknessMinCm} to ${ROOM_LIMITS.wallThicknessMaxCm} cm thick.`),
    );
  return { ...room, wall_thickness_cm: round(cm) };
}

export function setWallHeight(room: PlanRoom, cm: number): PlanRoom {
  const { wallHeightMinCm: min, wallHeightMaxCm: max } = ROOM_LIMITS;
  if (!Number.isFinite(cm) || cm < min || cm > max)
    throw new RoomEditError('WALL_HEIGHT', msg(str`Walls are ${min} to ${max} cm high.`));
  return { ...room, wall_height_cm: round(cm) };
}

export const DOOR_DEFAULTS = { width_cm: 80, height_cm: 205 } as const;
export const WINDOW_DEFAULTS = { width_cm: 120, height_cm: 120, sill_cm: 90 } as const;

/** A door or window in the middle of a wall (the longest when none is given). */
export function addOpening(room: PlanRoom, kind: Opening['kind'], id: string, wall?: number): PlanRoom {
  if (room.openings.length >= ROOM_LIMITS.maxOpenings)
    throw new RoomEditError(
      'OPENING_DOES_NOT_FIT',
      msg(str`A room holds at most ${ROOM_LIMITS.maxOpenings} doors and windows.`),
    );
  const lengths = room.corners.map((_, i) => wallLength(room.corners, i));
  const w = wall ?? lengths.indexOf(Math.max(...lengths));
  const len = lengths[w];
  if (len === undefined) throw new RoomEditError('NO_SUCH_WALL', msg('No such wall.'));
  const width = kind === 'door' ? DOOR_DEFAULTS.width_cm : WINDOW_DEFAULTS.width_cm;
  if (width > len)
    throw new RoomEditError(
      'OPENING_DOES_NOT_FIT',
      kind === 'door' ? msg('The wall is too short for a door.') : msg('The wall is too short for a window.'),
    );
  const base = { id, wall: w, offset_cm: round(len / 2), width_cm: width };
  const opening: Opening =
    kind === 'door'
      ? { ...base, kind, height_cm: DOOR_DEFAULTS.height_cm, hinge: 'start', swing: 'in' }
      : { ...base, kind, height_cm: WINDOW_DEFAULTS.height_cm, sill_cm: WINDOW_DEFAULTS.sill_cm };
  return { ...room, openings: [...room.openings, opening] };
}

type OpeningPatch = Partial<Pick<Opening, 'wall' | 'offset_cm' | 'width_cm' | 'height_cm'>> &
  Partial<{ hinge: 'start' | 'end'; swing: 'in' | 'out'; sill_cm: number }>;

/** Changes an opening; a move along the wall stops at its ends, a width the wall cannot hold is refused. */
export function updateOpening(room: PlanRoom, id: string, patch: OpeningPatch): PlanRoom {
  const index = room.openings.findIndex((o) => o.id === id);
  const old = room.openings[index];
  if (!old) return room;
  const wall = patch.wall ?? old.wall;
  if (wall < 0 || wall >= room.corners.length) throw new RoomEditError('NO_SUCH_WALL', msg('No such wall.'));
  const len = wallLength(room.corners, wall);
  const width = round(patch.width_cm ?? old.width_cm);
  if (width < ROOM_LIMITS.openingMinWidthCm || width > Math.min(len, ROOM_LIMITS.openingMaxWidthCm))
    throw new RoomEditError(
      'OPENING_DOES_NOT_FIT',
      old.kind === 'door'
        ? msg(str`The door must be ${ROOM_LIMITS.openingMinWidthCm} cm wide or more and fit its wall.`)
        : msg(str`The window must be ${ROOM_LIMITS.openingMinWidthCm} cm wide or more and fit its wall.`),
    );
  const base = {
    wall,
    width_cm: width,
    offset_cm: clampOffset(patch.offset_cm ?? old.offset_cm, width, len),
    height_cm: Math.min(ROOM_LIMITS.heightMaxCm, Math.max(1, round(patch.height_cm ?? old.height_cm))),
  };
  const next: Opening =
    old.kind === 'door'
      ? { ...old, ...base, hinge: patch.hinge ?? old.hinge, swing: patch.swing ?? old.swing }
      : {
          ...old,
          ...base,
          sill_cm: Math.min(ROOM_LIMITS.heightMaxCm, Math.max(0, round(patch.sill_cm ?? old.sill_cm))),
        };
  if (JSON.stringify(next) === JSON.stringify(old)) return room;
  const openings = room.openings.slice();
  openings[index] = next;
  return { ...room, openings };
}

export function removeOpening(room: PlanRoom, id: string): PlanRoom {
  const openings = room.openings.filter((o) => o.id !== id);
  return openings.length === room.openings.length ? room : { ...room, openings };
}
