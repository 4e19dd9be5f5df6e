import { RoomEditError, resizeRoom } from '../room/reshape.ts';
import { clampRoomSize, type Design, type Room } from './design.ts';

// Apart from commands.ts: only the room bar resizes the room, and it loads after the first
// paint, so this (and room/reshape.ts) is not part of the page's first load.

/**
 * Resizes the room's box (every corner scales with it) and sets its unit. A size its doors
 * or windows cannot follow (a wall narrower than its opening) leaves the size unchanged.
 */
export function setRoom(
  design: Design,
  patch: Partial<Pick<Room, 'width_cm' | 'depth_cm' | 'unit'>>,
): Design {
  const r = design.room;
  const width = patch.width_cm === undefined ? r.width_cm : clampRoomSize(patch.width_cm);
  const depth = patch.depth_cm === undefined ? r.depth_cm : clampRoomSize(patch.depth_cm);
  const unit = patch.unit ?? r.unit;
  let room: Room = r;
  if (width !== r.width_cm || depth !== r.depth_cm) {
    try {
      room = resizeRoom(r, width, depth);
    } catch (error) {
      if (!(error instanceof RoomEditError)) throw error;
    }
  }
  if (unit !== r.unit) room = { ...room, unit };
  return room === r ? design : { ...design, room };
}
