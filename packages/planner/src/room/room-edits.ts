import { msg, str } from '@lit/localize';
import type { Opening } from '@planner/contract';
import { editRoom } from '../editor/commands.ts';
import type { Design } from '../editor/design.ts';
import type { Editor } from '../editor/editor.ts';
import { newItemId } from '../editor/ids.ts';
import { formatArea, formatLength } from '../editor/units.ts';
import { openingSentence, wallName } from './describe-room.ts';
import {
  addOpening,
  applyTemplate,
  moveCorner,
  moveWall,
  RoomEditError,
  type RoomTemplate,
  removeOpening,
  setWallHeight,
  setWallLength,
  setWallThickness,
  updateOpening,
} from './edit.ts';
import type { PlanRoom } from './format.ts';
import { area } from './polygon.ts';

/** A change to the room, as components ask for it (`{ type: 'room-edit', edit }`). */
export type RoomEdit =
  | { kind: 'template'; template: RoomTemplate }
  | { kind: 'corner'; index: number; x: number; y: number }
  | { kind: 'wall'; index: number; distance: number }
  | { kind: 'wall-length'; index: number; length: number }
  | { kind: 'thickness'; cm: number }
  | { kind: 'height'; cm: number }
  | { kind: 'add-opening'; opening: Opening['kind']; wall?: number }
  | { kind: 'opening'; id: string; patch: Parameters<typeof updateOpening>[2] }
  | { kind: 'remove-opening'; id: string };

const TEMPLATE_NAMES: Record<RoomTemplate, () => string> = {
  rectangle: () => msg('a rectangle'),
  'l-shape': () => msg('an L-shaped room'),
  'u-shape': () => msg('a U-shaped room'),
};

const label = (edit: RoomEdit): string => {
  switch (edit.kind) {
    case 'template':
      return msg(str`Make the room ${TEMPLATE_NAMES[edit.template]()}`);
    case 'corner':
      return msg('Move a corner');
    case 'wall':
      return msg('Move a wall');
    case 'wall-length':
      return msg('Set a wall length');
    case 'thickness':
      return msg('Set the wall thickness');
    case 'height':
      return msg('Set the wall height');
    case 'add-opening':
      return edit.opening === 'door' ? msg('Add a door') : msg('Add a window');
    case 'opening':
      return msg('Change an opening');
    case 'remove-opening':
      return msg('Remove an opening');
  }
};

export function applyRoomEdit(room: PlanRoom, edit: RoomEdit, newId: () => string = newItemId): PlanRoom {
  switch (edit.kind) {
    case 'template':
      return applyTemplate(room, edit.template);
    case 'corner':
      return moveCorner(room, edit.index, edit);
    case 'wall':
      return moveWall(room, edit.index, edit.distance);
    case 'wall-length':
      return setWallLength(room, edit.index, edit.length);
    case 'thickness':
      return setWallThickness(room, edit.cm);
    case 'height':
      return setWallHeight(room, edit.cm);
    case 'add-opening':
      return addOpening(room, edit.opening, newId(), edit.wall);
    case 'opening':
      return updateOpening(room, edit.id, edit.patch);
    case 'remove-opening':
      return removeOpening(room, edit.id);
  }
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
/** " Kept 1 door and 2 windows on the nearest walls. Removed 1 window that did not fit …" */
function openingsAfterTemplate(before: readonly Opening[], after: readonly Opening[]): string {
  if (before.length === 0) return '';
  const count = (list: readonly Opening[]) => {
    const doors = list.filter((o) => o.kind === 'door').length;
    const windows = list.length - doors;
    const d = doors === 1 ? msg('1 door') : msg(str`${doors} doors`);
    const w = windows === 1 ? msg('1 window') : msg(str`${windows} windows`);
    return doors && windows ? msg(str`${d} and ${w}`) : doors ? d : w;
  };
  const ids = new Set(after.map((o) => o.id));
  const lost = before.filter((o) => !ids.has(o.id));
  const parts = [
    after.length ? msg(str`Kept ${count(after)} on the nearest walls.`) : '',
    lost.length
      ? lost.length === 1
        ? msg(str`Removed ${count(lost)} that did not fit the new walls (undo brings it back).`)
        : msg(str`Removed ${count(lost)} that did not fit the new walls (undo brings them back).`)
      : '',
  ].filter(Boolean);
  return parts.length ? ` ${parts.join(' ')}` : '';
}

/** What the live region says after an edit. */
function describe(edit: RoomEdit, room: PlanRoom, locale?: string, before?: PlanRoom): string {
  const len = (cm: number) => formatLength(cm, room.unit, locale);
  const size = msg(
    str`${len(room.width_cm)} by ${len(room.depth_cm)}, ${formatArea(area(room.corners), room.unit, locale)}`,
  );
  switch (edit.kind) {
    case 'template':
      return `${msg(str`The room is now ${TEMPLATE_NAMES[edit.template]()}, ${size}.`)}${openingsAfterTemplate(before?.openings ?? [], room.openings)}`;
    case 'corner':
      return msg(str`Moved corner ${edit.index + 1}. The room is ${size}.`);
    case 'wall':
    case 'wall-length':
      return msg(str`${capitalized(wallName(room, edit.index, locale))}. The room is ${size}.`);
    case 'thickness':
      return msg(str`Walls are ${len(room.wall_thickness_cm)} thick.`);
    case 'height':
      return msg(str`Walls are ${len(room.wall_height_cm ?? edit.cm)} high.`);
    case 'add-opening':
    case 'opening': {
      const o = edit.kind === 'opening' ? room.openings.find((x) => x.id === edit.id) : room.openings.at(-1);
      return o
        ? `${edit.kind === 'add-opening' ? msg('Added. ') : ''}${openingSentence(o, room, locale)}`
        : '';
    }
    case 'remove-opening':
      return msg('Removed the opening.');
  }
}

/**
 * Applies a room edit as one undo step and says what happened; a refused edit (walls would
 * cross, an opening would not fit) changes nothing and says why.
 */
export function runRoomEdit(editor: Editor, edit: RoomEdit, locale?: string, coalesceKey?: string): string {
  const before = editor.design.room;
  try {
    if (!editor.apply(label(edit), (d: Design) => editRoom(d, (r) => applyRoomEdit(r, edit)), coalesceKey))
      return '';
  } catch (error) {
    if (error instanceof RoomEditError) return msg(str`${error.message} Nothing changed.`);
    throw error;
  }
  return describe(edit, editor.design.room, locale, before);
}
