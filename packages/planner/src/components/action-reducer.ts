import { msg, str } from '@lit/localize';
import {
  addItem,
  duplicateItem,
  moveItem,
  removeItem,
  rotateItem,
  rotateItemBy,
} from '../editor/commands.ts';
import { formatAngle, itemName } from '../editor/describe.ts';
import { type CatalogIndex, type Design, MAX_ITEMS, type PlacedItem } from '../editor/design.ts';
import { footprint } from '../editor/footprint.ts';
import { findFreeSpot } from '../editor/placement.ts';
import { snapItemCentre } from '../editor/snap.ts';
import { formatLength } from '../editor/units.ts';
import type { PlannerAction } from './actions.ts';

/** What an action is applied to: the design as it is, and the settings that shape an edit. */
export interface ActionContext {
  design: Design;
  catalog: CatalogIndex;
  snap: boolean;
  gridStep: number;
  /** The catalog is a drawer (narrow layout): adding a piece closes it. */
  narrow: boolean;
  locale: string | undefined;
  /** The shortcut modifier as shown to people ("Ctrl+" or "⌘"). */
  mod: string;
  newId: () => string;
}

/**
 * What the app should do for an action. When `edit` is set, the rest applies only if the
 * editor records it (an edit that changes nothing is not an action the user sees).
 */
export interface ActionOutcome {
  edit?: { label: string; next: Design; coalesceKey?: string };
  /** The new selection (its primary piece); undefined leaves it. */
  select?: string | null;
  /** With `select`: every selected piece when there are several (else none). */
  group?: readonly string[];
  closeDrawer?: boolean;
  /** Where focus goes once the plan shows the edit. */
  focus?: { item: string } | 'plan';
  announce?: string;
  snap?: { enabled: boolean; step: number };
}

/** What only the UI that loads after the first paint asks for: the room bar and multi-select. */
export type LaterAction = Extract<PlannerAction, { type: 'group' | 'room' | 'snap' }>;
type LaterReducer = (ctx: ActionContext, action: LaterAction) => ActionOutcome;
let later: LaterReducer | undefined;
/**
 * The room bar's and multi-select's actions come only from elements that load after the first
 * paint (deferred.ts); so does their reducer (later-reducer.ts), which registers here.
 */
export const setLaterReducer = (reduce: LaterReducer) => {
  later = reduce;
};

/**
 * The app's reducer: one action and the current context in, what to change out. Pure (no
 * DOM, no editor, no clock), so every rule about adding, moving, snapping and what is
 * announced is tested without a browser; `planner-app` carries the outcome out.
 */
export function reduceAction(ctx: ActionContext, action: PlannerAction): ActionOutcome {
  const { design, catalog, locale } = ctx;
  const step = ctx.snap ? ctx.gridStep : 0;
  const find = (d: Design, id: string) => d.items.find((i) => i.id === id);
  const nameOf = (id: string) => {
    const item = find(design, id);
    return itemName(item ? catalog.get(item.catalog_id) : undefined);
  };
  const where = (d: Design, item: PlacedItem) => {
    const { box } = footprint(item, catalog);
    const len = (cm: number) => formatLength(cm, d.room.unit, locale);
    return msg(str`${len(box.minX)} from the left, ${len(box.minY)} from the top`);
  };
  const full = msg(str`The room already holds ${MAX_ITEMS} pieces, the most it can.`);

  switch (action.type) {
    case 'select':
      return action.id === null ? { select: null, focus: 'plan' } : { select: action.id };
    case 'add': {
      const c = catalog.get(action.catalogId);
      if (!c) return {};
      if (design.items.length >= MAX_ITEMS) return { announce: full };
      const at = action.at
        ? step
          ? snapItemCentre(action.at.x, action.at.y, c.width_cm, c.depth_cm, 0, step)
          : action.at
        : findFreeSpot(design, c, catalog, step || 1);
      const id = ctx.newId();
      const next = addItem(design, c.id, at, id);
      const added = find(next, id);
      return {
        edit: { label: msg(str`Add ${c.name}`), next },
        select: id,
        closeDrawer: ctx.narrow,
        focus: { item: id },
        announce: added ? msg(str`Added ${c.name}, ${where(next, added)}.`) : msg(str`Added ${c.name}.`),
      };
    }
    case 'move': {
      const name = nameOf(action.id);
      const next = moveItem(design, action.id, action.x, action.y);
      if (next === design) return {};
      const moved = find(next, action.id);
      return {
        edit: { label: msg(str`Move ${name}`), next },
        ...(moved ? { announce: msg(str`Moved ${name}, ${where(next, moved)}.`) } : {}),
      };
    }
    case 'nudge': {
      const item = find(design, action.id);
      if (!item) return {};
      const distance = (step || 1) * (action.large ? 10 : 1);
      let x = item.x + action.dx * distance;
      let y = item.y + action.dy * distance;
      const c = catalog.get(item.catalog_id);
      if (step && c) ({ x, y } = snapItemCentre(x, y, c.width_cm, c.depth_cm, item.rotation, step));
      const name = nameOf(action.id);
      const next = moveItem(design, action.id, x, y);
      if (next === design) return {};
      const moved = find(next, action.id);
      return {
        edit: { label: msg(str`Move ${name}`), next, coalesceKey: `move:${action.id}` },
        ...(moved ? { announce: `${name}, ${where(next, moved)}.` } : {}),
      };
    }
    case 'rotate':
    case 'rotate-by': {
      const name = nameOf(action.id);
      const next =
        action.type === 'rotate'
          ? rotateItem(design, action.id, action.rotation)
          : rotateItemBy(design, action.id, action.degrees);
      if (next === design) return {};
      const rotated = find(next, action.id);
      return {
        edit: {
          label: msg(str`Rotate ${name}`),
          next,
          ...(action.type === 'rotate-by' ? { coalesceKey: `rotate:${action.id}` } : {}),
        },
        ...(rotated
          ? { announce: msg(str`Rotated ${name} to ${formatAngle(rotated.rotation, locale)}.`) }
          : {}),
      };
    }
    case 'duplicate': {
      if (design.items.length >= MAX_ITEMS) return { announce: full };
      const name = nameOf(action.id);
      const id = ctx.newId();
      const next = duplicateItem(design, action.id, catalog, id);
      if (next === design) return {};
      return {
        edit: { label: msg(str`Duplicate ${name}`), next },
        select: id,
        focus: { item: id },
        announce: msg(str`Duplicated ${name}.`),
      };
    }
    case 'delete': {
      const name = nameOf(action.id);
      const index = design.items.findIndex((i) => i.id === action.id);
      const neighbour = design.items[index + 1] ?? design.items[index - 1];
      const next = removeItem(design, action.id);
      if (next === design) return {};
      return {
        edit: { label: msg(str`Delete ${name}`), next },
        select: null,
        focus: neighbour ? { item: neighbour.id } : 'plan',
        announce: msg(str`Deleted ${name}. Undo with ${ctx.mod}Z.`),
      };
    }
    case 'apply':
      return action.outcome(ctx);
    case 'room-edit':
      // planner-app runs these itself: room/room-edits.ts is loaded with the first one.
      return {};
    case 'group':
    case 'room':
    case 'snap':
      return later?.(ctx, action) ?? {};
  }
}
