import {
  type Opening,
  PROJECT_FORMAT,
  PROJECT_LIMITS,
  ROOM_LIMITS,
  type RoomPoint,
  type RoomUnit,
  roomPolygonIssue,
  type Room as StoredRoom,
} from '@planner/contract';
import { wallLength } from './polygon.ts';

/**
 * The room as the planner edits it: always format 2 (corners, walls, openings). `width_cm ×
 * depth_cm` is the box around the corners, kept in step by every edit.
 */
export interface PlanRoom extends StoredRoom {
  corners: RoomPoint[];
  wall_thickness_cm: number;
  openings: Opening[];
}

export const DEFAULT_WALL_CM = 10;

export function rectangleCorners(width: number, depth: number): RoomPoint[] {
  return [
    { x: 0, y: 0 },
    { x: width, y: 0 },
    { x: width, y: depth },
    { x: 0, y: depth },
  ];
}

/** A room from its corners, with `width_cm × depth_cm` the box around them. */
export function roomOf(
  corners: RoomPoint[],
  unit: RoomUnit,
  wall = DEFAULT_WALL_CM,
  openings: Opening[] = [],
): PlanRoom {
  const xs = corners.map((c) => c.x);
  const ys = corners.map((c) => c.y);
  return {
    width_cm: Math.round(Math.max(...xs) - Math.min(...xs)),
    depth_cm: Math.round(Math.max(...ys) - Math.min(...ys)),
    unit,
    corners,
    wall_thickness_cm: wall,
    openings,
  };
}

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const clampSize = (cm: number) =>
  Math.min(PROJECT_LIMITS.roomMaxCm, Math.max(PROJECT_LIMITS.roomMinCm, Math.round(cm)));
const inLimit = (v: number) => Math.abs(v) <= PROJECT_LIMITS.coordinateLimitCm;

function cleanOpening(raw: unknown, corners: RoomPoint[], seen: Set<string>): Opening | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const o = raw as Record<string, unknown>;
  if (typeof o.id !== 'string' || !o.id || o.id.length > ROOM_LIMITS.openingIdMaxLength || seen.has(o.id))
    return null;
  if (!num(o.wall) || !Number.isInteger(o.wall) || o.wall < 0 || o.wall >= corners.length) return null;
  if (!num(o.offset_cm) || !num(o.width_cm) || !num(o.height_cm)) return null;
  const len = wallLength(corners, o.wall);
  const width = Math.min(ROOM_LIMITS.openingMaxWidthCm, Math.max(ROOM_LIMITS.openingMinWidthCm, o.width_cm));
  if (width > len) return null;
  const base = {
    id: o.id,
    wall: o.wall,
    offset_cm: Math.min(len - width / 2, Math.max(width / 2, o.offset_cm)),
    width_cm: width,
    height_cm: Math.min(ROOM_LIMITS.heightMaxCm, Math.max(1, o.height_cm)),
  };
  seen.add(o.id);
  if (o.kind === 'door')
    return {
      ...base,
      kind: 'door',
      hinge: o.hinge === 'end' ? 'end' : 'start',
      swing: o.swing === 'out' ? 'out' : 'in',
    };
  if (o.kind === 'window')
    return {
      ...base,
      kind: 'window',
      sill_cm: num(o.sill_cm) ? Math.min(ROOM_LIMITS.heightMaxCm, Math.max(0, o.sill_cm)) : 90,
    };
  return null;
}

/**
 * Reads a stored room of any format (from the platform or a draft) as a format 2 room.
 * Format 1 (a rectangle) becomes four walls of the same size; corners that make no room fall
 * back to that rectangle, so a project always opens. A wall height out of range is clamped
 * into it (180–400 cm). Returns null when there is no room.
 */
export function upgradeRoom(value: unknown): PlanRoom | null {
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Record<string, unknown>;
  if (!num(r.width_cm) || !num(r.depth_cm)) return null;
  const unit: RoomUnit = r.unit === 'cm' || r.unit === 'ft' ? r.unit : 'm';
  const wall =
    num(r.wall_thickness_cm) &&
    r.wall_thickness_cm >= ROOM_LIMITS.wallThicknessMinCm &&
    r.wall_thickness_cm <= ROOM_LIMITS.wallThicknessMaxCm
      ? r.wall_thickness_cm
      : DEFAULT_WALL_CM;
  const rawCorners = Array.isArray(r.corners) ? r.corners : [];
  const corners = rawCorners.every((c) => num(c?.x) && num(c?.y) && inLimit(c.x) && inLimit(c.y))
    ? rawCorners.map((c: RoomPoint) => ({ x: c.x, y: c.y }))
    : [];
  const room = corners.length > 0 && roomPolygonIssue(corners) === null ? roomOf(corners, unit, wall) : null;
  if (
    !room ||
    room.width_cm < PROJECT_LIMITS.roomMinCm ||
    room.width_cm > PROJECT_LIMITS.roomMaxCm ||
    room.depth_cm < PROJECT_LIMITS.roomMinCm ||
    room.depth_cm > PROJECT_LIMITS.roomMaxCm
  ) {
    return roomOf(rectangleCorners(clampSize(r.width_cm), clampSize(r.depth_cm)), unit, wall);
  }
  const h = r.wall_height_cm;
  if (num(h))
    room.wall_height_cm = Math.min(ROOM_LIMITS.wallHeightMaxCm, Math.max(ROOM_LIMITS.wallHeightMinCm, h));
  const seen = new Set<string>();
  const openings = (Array.isArray(r.openings) ? r.openings : [])
    .slice(0, ROOM_LIMITS.maxOpenings)
    .map((o) => cleanOpening(o, room.corners, seen))
    .filter((o): o is Opening => o !== null);
  return { ...room, openings };
}

/** The room as `ProjectInput` carries it, keys in a fixed order (a replayed save compares bodies byte for byte). */
export function storedRoom(room: PlanRoom): StoredRoom {
  return {
    width_cm: room.width_cm,
    depth_cm: room.depth_cm,
    unit: room.unit,
    corners: room.corners.map((c) => ({ x: c.x, y: c.y })),
    wall_thickness_cm: room.wall_thickness_cm,
    // Absent (undefined) when the room has none: JSON leaves it out.
    wall_height_cm: room.wall_height_cm,
    openings: room.openings.map((o) => ({ ...o })),
  };
}

export { PROJECT_FORMAT };
