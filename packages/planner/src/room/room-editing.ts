/**
 * Everything the planner needs to edit the room, as one lazy chunk: the edits themselves,
 * the app's runner that says what changed, and the walls, doors and windows panel. Loaded by
 * the first room drag, room key or room action, or when the panel opens; it imports only what
 * the planner's first load already has.
 */
import '../components/planner-room-tools.ts';

export * from './edit.ts';
export { runRoomEdit } from './room-edits.ts';
