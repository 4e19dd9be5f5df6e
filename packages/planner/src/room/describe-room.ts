import { msg, str } from '@lit/localize';
import type { Opening } from '@planner/contract';
import { formatLength } from '../editor/units.ts';
import type { PlanRoom } from './format.ts';
import { wallLength } from './polygon.ts';

/** Wall `i` for people, in the planner's language: "wall 2, 4.50 m". */
export function wallName(room: PlanRoom, i: number, locale?: string): string {
  const n = i + 1;
  const length = formatLength(wallLength(room.corners, i), room.unit, locale);
  return msg(str`wall ${n}, ${length}`);
}

/** A door or window for a screen reader, in the planner's language. */
export function openingSentence(o: Opening, room: PlanRoom, locale?: string): string {
  const len = (cm: number) => formatLength(cm, room.unit, locale);
  const width = len(o.width_cm);
  const from = len(o.offset_cm - o.width_cm / 2);
  const wall = o.wall + 1;
  if (o.kind !== 'door') {
    const sill = len(o.sill_cm);
    return msg(str`Window, ${width} wide, ${from} from the start of wall ${wall}, sill at ${sill}.`);
  }
  const hinge = o.hinge === 'start' ? msg('hinged at the start') : msg('hinged at the end');
  const swing = o.swing === 'in' ? msg('opening into the room') : msg('opening outwards');
  return msg(str`Door, ${width} wide, ${from} from the start of wall ${wall}, ${hinge}, ${swing}.`);
}
