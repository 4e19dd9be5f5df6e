import { msg } from '@lit/localize';
import { PROJECT_LIMITS, type RoomPoint, roomPolygonIssue } from '@planner/contract';
import { type PlanRoom, roomOf } from './format.ts';
import { wallLength } from './polygon.ts';

export type RoomEditCode =
  | 'ROOM_NOT_SIMPLE'
  | 'ROOM_TOO_SMALL'
  | 'ROOM_TOO_LARGE'
  | 'OPENING_DOES_NOT_FIT'
  | 'WALL_THICKNESS'
  | 'WALL_HEIGHT'
  | 'NO_SUCH_WALL';

/** An edit that would make no room (walls crossing, too small, an opening wider than its wall). */
export class RoomEditError extends Error {
  override readonly name = 'RoomEditError';
  constructor(
    readonly code: RoomEditCode,
    message: string,
  ) {
    super(message);
  }
}

export const round = (v: number) => Math.round(v * 10) / 10;

/**
 * The room with new corners (same count), or a refusal: the polygon must stay simple and its
 * box within the platform's sizes; openings keep their distance from their wall's start,
 * slid back in when the wall got shorter, refused when it got narrower than them.
 */
export function withCorners(room: PlanRoom, corners: RoomPoint[]): PlanRoom {
  const issue = roomPolygonIssue(corners);
  if (issue) throw new RoomEditError('ROOM_NOT_SIMPLE', msg('Walls cannot cross or fold onto each other.'));
  if (
    corners.some(
      (c) =>
        Math.abs(c.x) > PROJECT_LIMITS.coordinateLimitCm || Math.abs(c.y) > PROJECT_LIMITS.coordinateLimitCm,
    )
  )
    throw new RoomEditError('ROOM_TOO_LARGE', msg('The room is too large.'));
  // Over the old room, so what the corners do not decide (the wall height) stays.
  const next: PlanRoom = { ...room, ...roomOf(corners, room.unit, room.wall_thickness_cm) };
  if (next.width_cm < PROJECT_LIMITS.roomMinCm || next.depth_cm < PROJECT_LIMITS.roomMinCm)
    throw new RoomEditError('ROOM_TOO_SMALL', msg('The room would be too small.'));
  if (next.width_cm > PROJECT_LIMITS.roomMaxCm || next.depth_cm > PROJECT_LIMITS.roomMaxCm)
    throw new RoomEditError('ROOM_TOO_LARGE', msg('The room would be too large.'));
  const openings = room.openings.map((o) => {
    const len = wallLength(corners, o.wall);
    if (o.width_cm > len)
      throw new RoomEditError('OPENING_DOES_NOT_FIT', `The wall would be narrower than its ${o.kind}.`);
    return { ...o, offset_cm: clampOffset(o.offset_cm, o.width_cm, len) };
  });
  return { ...next, openings };
}

export const clampOffset = (offset: number, width: number, len: number) =>
  round(Math.min(len - width / 2, Math.max(width / 2, offset)));

/** Resizes the room's box: every corner scales from the box's top-left, openings with their walls. */
export function resizeRoom(room: PlanRoom, width: number, depth: number): PlanRoom {
  const xs = room.corners.map((p) => p.x);
  const ys = room.corners.map((p) => p.y);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const sx = width / (Math.max(...xs) - minX);
  const sy = depth / (Math.max(...ys) - minY);
  const corners = room.corners.map((p) => ({
    x: round(minX + (p.x - minX) * sx),
    y: round(minY + (p.y - minY) * sy),
  }));
  const scaled = {
    ...room,
    openings: room.openings.map((o) => ({
      ...o,
      offset_cm: (o.offset_cm * wallLength(corners, o.wall)) / wallLength(room.corners, o.wall),
    })),
  };
  return withCorners(scaled, corners);
}
