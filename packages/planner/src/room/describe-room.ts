import type { Opening } from '@planner/contract';
import { formatLength } from '../editor/units.ts';
import type { PlanRoom } from './format.ts';
import { wallLength } from './polygon.ts';

/** Wall `i` for people: "wall 2, 4.50 m". */
export const wallName = (room: PlanRoom, i: number, locale?: string) =>
  `wall ${i + 1}, ${formatLength(wallLength(room.corners, i), room.unit, locale)}`;

export function openingSentence(o: Opening, room: PlanRoom, locale?: string): string {
  const len = (cm: number) => formatLength(cm, room.unit, locale);
  const where = `${len(o.offset_cm - o.width_cm / 2)} from the start of wall ${o.wall + 1}`;
  return o.kind === 'door'
    ? `Door, ${len(o.width_cm)} wide, ${where}, hinged at the ${o.hinge}, opening ${o.swing === 'in' ? 'into the room' : 'outwards'}.`
    : `Window, ${len(o.width_cm)} wide, ${where}, sill at ${len(o.sill_cm)}.`;
}
