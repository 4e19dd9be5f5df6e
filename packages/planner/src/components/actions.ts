import type { Room } from '../editor/design.ts';
import type { AlignEdge, Axis } from '../editor/group.ts';
import type { RoomEdit } from '../room/room-edits.ts';
import type { ActionContext, ActionOutcome } from './action-reducer.ts';

/**
 * Everything a component asks the app to do, as one event type: components render and
 * report intents; `planner-app` applies them to the editor (with history, snapping and
 * announcements). Keeping the intents in one union makes them easy to test and to list.
 */
export type PlannerAction =
  | { type: 'select'; id: string | null }
  /** Add from the catalog: at a drop point (centre, cm), or else at the centre or next free spot. */
  | { type: 'add'; catalogId: string; at?: { x: number; y: number } }
  /** Move to an absolute centre position (a finished drag, or typed coordinates). */
  | { type: 'move'; id: string; x: number; y: number }
  /** Nudge by grid steps (arrow keys); `large` is Shift. */
  | { type: 'nudge'; id: string; dx: -1 | 0 | 1; dy: -1 | 0 | 1; large: boolean }
  | { type: 'rotate'; id: string; rotation: number }
  | { type: 'rotate-by'; id: string; degrees: number }
  | { type: 'duplicate'; id: string }
  | { type: 'delete'; id: string }
  | { type: 'room'; patch: Partial<Pick<Room, 'width_cm' | 'depth_cm' | 'unit'>> }
  /** Reshape the room, set its walls, add or change a door or window (one undo step; `key` coalesces a run of key presses). */
  | { type: 'room-edit'; edit: RoomEdit; key?: string }
  | { type: 'snap'; enabled: boolean; step: number }
  /**
   * An edit whose rules live with the lazily loaded part that asks for it (the inspector's
   * variant choice, `edit-variant.ts`): the first paint carries no code of its own for it.
   */
  | { type: 'apply'; outcome: (ctx: ActionContext) => ActionOutcome }
  /** Several pieces at once (multi-select); reduced by group-reducer.ts, which comes with the gestures. */
  | { type: 'group'; op: GroupOp };

/**
 * What to do with the pieces `ids` (the selection, its primary piece first). `select` makes
 * them the selection; a finished drag `move`s them by an offset in cm, the arrow keys `nudge`
 * them by grid steps (`large` is Shift).
 */
export type GroupOp = { ids: readonly string[] } & (
  | { kind: 'select' }
  | { kind: 'move'; dx: number; dy: number }
  | { kind: 'nudge'; dx: -1 | 0 | 1; dy: -1 | 0 | 1; large: boolean }
  | { kind: 'rotate'; degrees: number }
  | { kind: 'duplicate' }
  | { kind: 'delete' }
  | { kind: 'align'; edge: AlignEdge }
  | { kind: 'distribute'; axis: Axis }
);

/** The MIME type a catalog card puts on a drag; its data is the catalog item's id. */
export const CATALOG_DRAG_TYPE = 'application/x-planner-catalog-item';

export const ACTION_EVENT = 'planner-action';

export class PlannerActionEvent extends Event {
  readonly action: PlannerAction;

  constructor(action: PlannerAction) {
    super(ACTION_EVENT, { bubbles: true, composed: true });
    this.action = action;
  }
}

declare global {
  interface HTMLElementEventMap {
    [ACTION_EVENT]: PlannerActionEvent;
  }
}

export function dispatchAction(from: EventTarget, action: PlannerAction): void {
  from.dispatchEvent(new PlannerActionEvent(action));
}
