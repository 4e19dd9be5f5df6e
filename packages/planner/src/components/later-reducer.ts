import { msg, str } from '@lit/localize';
import { setRoom } from '../editor/set-room.ts';
import { formatLength } from '../editor/units.ts';
import type { ActionContext, ActionOutcome, LaterAction } from './action-reducer.ts';
import { reduceGroup } from './group-reducer.ts';

/**
 * The rest of action-reducer.ts: the actions that only elements loaded after the first paint
 * make (the room bar's size, unit and snapping; multi-select's group edits), so their rules
 * and sentences load with those elements (deferred.ts registers this) and not with the page.
 */
export function reduceLater(ctx: ActionContext, action: LaterAction): ActionOutcome {
  const { design, locale } = ctx;
  switch (action.type) {
    case 'group':
      return reduceGroup(ctx, action);
    case 'room': {
      const { patch } = action;
      const label = patch.unit
        ? {
            m: () => msg('Show lengths in metres'),
            cm: () => msg('Show lengths in centimetres'),
            ft: () => msg('Show lengths in feet and inches'),
          }[patch.unit]()
        : msg('Resize the room');
      const next = setRoom(design, patch);
      if (next === design) return {};
      const r = next.room;
      return {
        edit: { label, next },
        announce: patch.unit
          ? `${label}.`
          : msg(
              str`The room is now ${formatLength(r.width_cm, r.unit, locale)} by ${formatLength(r.depth_cm, r.unit, locale)}.`,
            ),
      };
    }
    case 'snap':
      return {
        snap: { enabled: action.enabled, step: action.step },
        announce: action.enabled ? msg(str`Snapping to a ${action.step} cm grid.`) : msg('Snapping off.'),
      };
  }
}
