import type { Room } from '../../editor/design.ts';
import { outwardNormal, wallDirection } from '../../room/polygon.ts';
import type { PlannerAction } from '../actions.ts';

type Key = Pick<KeyboardEvent, 'key' | 'code' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>;

const ARROWS: Record<string, [-1 | 0 | 1, -1 | 0 | 1]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

export const arrowOf = (key: string) => ARROWS[key];

/**
 * A key on a focused piece: arrows move (Shift: ×10), R / Shift+R rotate 90°, [ and ] rotate
 * 15° (Shift: 1°), Ctrl/Cmd+D duplicates, Delete/Backspace removes, Enter/Space select.
 * 'escape' is for the canvas (cancel a drag, else deselect); null: not ours.
 */
export function itemKeyAction(e: Key, id: string): PlannerAction | 'escape' | null {
  const mod = e.ctrlKey || e.metaKey;
  const arrow = arrowOf(e.key);
  if (arrow) return { type: 'nudge', id, dx: arrow[0], dy: arrow[1], large: e.shiftKey };
  switch (e.key) {
    case 'Delete':
    case 'Backspace':
      return { type: 'delete', id };
    case 'Escape':
      return 'escape';
    case 'Enter':
    case ' ':
      return { type: 'select', id };
  }
  if (mod || e.altKey) {
    return mod && !e.altKey && (e.key === 'd' || e.key === 'D') ? { type: 'duplicate', id } : null;
  }
  if (e.key === 'r' || e.key === 'R') return { type: 'rotate-by', id, degrees: e.shiftKey ? -90 : 90 };
  if (e.code === 'BracketLeft' || e.code === 'BracketRight' || '[]{}'.includes(e.key)) {
    const sign = e.code === 'BracketLeft' || e.key === '[' || e.key === '{' ? -1 : 1;
    return { type: 'rotate-by', id, degrees: sign * (e.shiftKey ? 1 : 15) };
  }
  return null;
}

export type ViewKey = { zoom: 'in' | 'out' | 'fit' } | { pan: [number, number] };

/** Keys for the view, anywhere on the plan: + and - zoom, 0 fits the room; arrows pan when nothing is focused. */
export function viewKey(e: Key, onPlanItself: boolean): ViewKey | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.key === '+' || e.key === '=') return { zoom: 'in' };
  if (e.key === '-' || e.key === '_') return { zoom: 'out' };
  if (e.key === '0') return { zoom: 'fit' };
  const arrow = arrowOf(e.key);
  if (arrow && onPlanItself)
    return { pan: [arrow[0] * (e.shiftKey ? 4 : 1), arrow[1] * (e.shiftKey ? 4 : 1)] };
  return null;
}

/** A focused wall, corner or opening on the plan. */
export interface RoomHandle {
  kind: 'wall' | 'corner' | 'opening';
  index: number;
  id: string;
}

/**
 * A key on a room handle: arrows move a corner, move a wall along its normal (the arrow that
 * points out of the room moves it out) and slide an opening along its wall; H moves a door's
 * hinge to its other end, S turns its swing, Delete removes an opening. 'describe': Enter
 * on an opening (say what it is). `step` in cm; Shift is ten steps.
 */
export function roomKeyAction(
  e: Key,
  h: RoomHandle,
  room: Room,
  step: number,
): PlannerAction | 'describe' | null {
  const arrow = arrowOf(e.key);
  const by = step * (e.shiftKey ? 10 : 1);
  const key = `${h.kind}:${h.kind === 'opening' ? h.id : h.index}`;
  if (h.kind === 'corner') {
    const c = room.corners[h.index];
    if (!arrow || !c) return null;
    return {
      type: 'room-edit',
      edit: { kind: 'corner', index: h.index, x: c.x + arrow[0] * by, y: c.y + arrow[1] * by },
      key,
    };
  }
  if (h.kind === 'wall') {
    if (!arrow || h.index >= room.corners.length) return null;
    const n = outwardNormal(room.corners, h.index);
    const sign = Math.sign(Math.round(arrow[0] * n.x + arrow[1] * n.y));
    return sign
      ? { type: 'room-edit', edit: { kind: 'wall', index: h.index, distance: sign * by }, key }
      : null;
  }
  const o = room.openings.find((x) => x.id === h.id);
  if (!o) return null;
  const id = o.id;
  if (arrow) {
    const dir = wallDirection(room.corners, o.wall);
    // Along the wall; an arrow across it moves right or down as "forward".
    const sign = Math.sign(Math.round(arrow[0] * dir.x + arrow[1] * dir.y)) || arrow[0] + arrow[1];
    return {
      type: 'room-edit',
      edit: { kind: 'opening', id, patch: { offset_cm: o.offset_cm + sign * by } },
      key,
    };
  }
  if (e.key === 'Delete' || e.key === 'Backspace')
    return { type: 'room-edit', edit: { kind: 'remove-opening', id } };
  if (e.key === 'Enter' || e.key === ' ') return 'describe';
  if (o.kind !== 'door' || e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.key === 'h' || e.key === 'H')
    return {
      type: 'room-edit',
      edit: { kind: 'opening', id, patch: { hinge: o.hinge === 'start' ? 'end' : 'start' } },
    };
  if (e.key === 's' || e.key === 'S')
    return {
      type: 'room-edit',
      edit: { kind: 'opening', id, patch: { swing: o.swing === 'in' ? 'out' : 'in' } },
    };
  return null;
}
