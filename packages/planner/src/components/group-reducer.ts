import { msg, str } from '@lit/localize';
import { itemName } from '../editor/describe.ts';
import { type Design, MAX_ITEMS } from '../editor/design.ts';
import {
  alignGroup,
  distributeGroup,
  duplicateGroup,
  groupBox,
  moveGroup,
  piecesOf,
  removeGroup,
  rotateGroup,
} from '../editor/group.ts';
import { snapItemCentre } from '../editor/snap.ts';
import { formatLength } from '../editor/units.ts';
import type { ActionContext, ActionOutcome } from './action-reducer.ts';
import type { PlannerAction } from './actions.ts';

// Functions, not strings: msg() must run when the sentence is made, in the language of then.
const EDGE_WORDS = {
  left: () => msg('to the left'),
  right: () => msg('to the right'),
  top: () => msg('to the top'),
  bottom: () => msg('to the bottom'),
  'centre-x': () => msg('on their horizontal centres'),
  'centre-y': () => msg('on their vertical centres'),
} as const;

/**
 * The reducer for several pieces at once (multi-select), as action-reducer.ts is for one:
 * pure, one undo step per action, every outcome announced. Loaded with the plan's gestures
 * (deferred.ts registers it), as nothing else makes group actions.
 */
export function reduceGroup(
  ctx: ActionContext,
  action: Extract<PlannerAction, { type: 'group' }>,
): ActionOutcome {
  const { design, catalog, locale } = ctx;
  const { op } = action;
  const pieces = piecesOf(design, op.ids);
  const ids = pieces.map((p) => p.id);
  const n = ids.length;
  const first = pieces[0];
  const one = first ? itemName(catalog.get(first.catalog_id)) : '';
  const what = n === 1 ? one : msg(str`${n} pieces`);
  const selectAll = (sel: readonly string[]) => ({
    select: sel[0] ?? null,
    group: sel.length > 1 ? sel : [],
  });
  const where = (d: Design) => {
    const box = groupBox(piecesOf(d, ids), catalog);
    const len = (cm: number) => formatLength(cm, d.room.unit, locale);
    return box ? msg(str`, ${len(box.minX)} from the left, ${len(box.minY)} from the top`) : '';
  };
  const edit = (label: string, next: Design, announce: string, coalesceKey?: string): ActionOutcome =>
    next === design
      ? {}
      : { edit: { label, next, ...(coalesceKey ? { coalesceKey } : {}) }, ...selectAll(ids), announce };

  if (op.kind === 'select') {
    return { ...selectAll(ids), announce: n === 0 ? msg('Nothing selected.') : msg(str`${what} selected.`) };
  }
  if (!first) return {};
  switch (op.kind) {
    case 'move': {
      const next = moveGroup(design, ids, op.dx, op.dy);
      return edit(msg(str`Move ${what}`), next, msg(str`Moved ${what}${where(next)}.`));
    }
    case 'nudge': {
      // The primary piece lands on the grid as a piece moved alone does; the rest keep their places around it.
      const step = ctx.snap ? ctx.gridStep : 0;
      const distance = (step || 1) * (op.large ? 10 : 1);
      let x = first.x + op.dx * distance;
      let y = first.y + op.dy * distance;
      const c = catalog.get(first.catalog_id);
      if (step && c) ({ x, y } = snapItemCentre(x, y, c.width_cm, c.depth_cm, first.rotation, step));
      const next = moveGroup(design, ids, x - first.x, y - first.y);
      return edit(msg(str`Move ${what}`), next, `${what}${where(next)}.`, `group-move:${ids.join(',')}`);
    }
    case 'rotate': {
      const next = rotateGroup(design, ids, catalog, op.degrees);
      const deg = Math.abs(op.degrees);
      const turn = op.degrees < 0 ? msg(str`${deg}° anticlockwise`) : msg(str`${deg}° clockwise`);
      return edit(
        msg(str`Rotate ${what}`),
        next,
        msg(str`Rotated ${what} ${turn}.`),
        `group-rotate:${ids.join(',')}`,
      );
    }
    case 'duplicate': {
      const { design: next, copies } = duplicateGroup(design, ids, catalog, ctx.newId);
      if (!copies.length) {
        return design.items.length + n > MAX_ITEMS
          ? {
              announce: msg(
                str`The room already holds ${design.items.length} of at most ${MAX_ITEMS} pieces: ${n} more do not fit.`,
              ),
            }
          : {};
      }
      return {
        edit: { label: msg(str`Duplicate ${what}`), next },
        ...selectAll(copies),
        focus: { item: copies[0]! },
        announce: msg(str`Duplicated ${what}; the copies are selected.`),
      };
    }
    case 'delete': {
      const next = removeGroup(design, ids);
      const gone = new Set(ids);
      const index = design.items.findIndex((i) => gone.has(i.id));
      const neighbour = design.items.slice(index).find((i) => !gone.has(i.id)) ?? next.items.at(-1);
      return {
        edit: { label: msg(str`Delete ${what}`), next },
        select: null,
        group: [],
        focus: neighbour ? { item: neighbour.id } : 'plan',
        announce: msg(str`Deleted ${what}. Undo with ${ctx.mod}Z.`),
      };
    }
    case 'align': {
      const next = alignGroup(design, ids, catalog, op.edge);
      const words = EDGE_WORDS[op.edge]();
      if (n < 2) return { announce: msg('Select two or more pieces to align them.') };
      return next === design
        ? { announce: msg(str`The ${what} are already aligned ${words}.`) }
        : edit(msg(str`Align ${what} ${words}`), next, msg(str`Aligned ${what} ${words}.`));
    }
    case 'distribute': {
      const way = op.axis === 'x' ? msg('horizontally') : msg('vertically');
      if (n < 3) return { announce: msg('Select three or more pieces to distribute them.') };
      const next = distributeGroup(design, ids, catalog, op.axis);
      return next === design
        ? { announce: msg(str`The ${what} are already evenly spaced ${way}.`) }
        : edit(
            msg(str`Distribute ${what} ${way}`),
            next,
            msg(str`Distributed ${what} ${way}, with equal gaps.`),
          );
    }
  }
}
