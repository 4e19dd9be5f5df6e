import type { AlignEdge } from '../../editor/group.ts';
import type { GroupOp } from '../actions.ts';
import { arrowOf } from './keys.ts';

type Key = Pick<KeyboardEvent, 'key' | 'code' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>;

/** Alt + a letter (by its physical key: on a Mac, Alt changes the character) lines the pieces up. */
const ALIGN_KEYS: Record<string, AlignEdge> = {
  KeyL: 'left',
  KeyR: 'right',
  KeyT: 'top',
  KeyB: 'bottom',
  KeyH: 'centre-x',
  KeyV: 'centre-y',
};

/** Ctrl/Cmd+A, on the plan or a piece: every piece. */
export const isSelectAll = (e: Key) =>
  (e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 'a' || e.key === 'A');

/** Shift+Enter or Shift+Space on a piece adds it to the selection or takes it out. */
export const isToggle = (e: Key) =>
  e.shiftKey && !(e.ctrlKey || e.metaKey || e.altKey) && (e.key === 'Enter' || e.key === ' ');

/**
 * The keys for a selection of several pieces, as a focused piece has them for itself (see
 * keys.ts): arrows move them all (Shift: ×10), R / Shift+R turn them 90°, [ and ] 15° (Shift:
 * 1°), Ctrl/Cmd+D duplicates, Delete/Backspace removes. And their own: Alt+L, R, T, B align
 * left, right, top, bottom; Alt+H and Alt+V align horizontal and vertical centres;
 * Alt+Shift+H and Alt+Shift+V distribute horizontally and vertically. 'escape' clears the
 * selection (or cancels a drag); null: not a group key.
 */
export function groupKeyAction(e: Key, ids: readonly string[]): GroupOp | 'escape' | null {
  const mod = e.ctrlKey || e.metaKey;
  if (e.key === 'Escape') return 'escape';
  if (e.altKey && !mod) {
    if (e.shiftKey && (e.code === 'KeyH' || e.code === 'KeyV'))
      return { kind: 'distribute', ids, axis: e.code === 'KeyH' ? 'x' : 'y' };
    const edge = ALIGN_KEYS[e.code];
    return edge && !e.shiftKey ? { kind: 'align', ids, edge } : null;
  }
  if (mod) return !e.altKey && (e.key === 'd' || e.key === 'D') ? { kind: 'duplicate', ids } : null;
  const arrow = arrowOf(e.key);
  if (arrow) return { kind: 'nudge', ids, dx: arrow[0], dy: arrow[1], large: e.shiftKey };
  if (e.key === 'Delete' || e.key === 'Backspace') return { kind: 'delete', ids };
  if (e.key === 'r' || e.key === 'R') return { kind: 'rotate', ids, degrees: e.shiftKey ? -90 : 90 };
  if (e.code === 'BracketLeft' || e.code === 'BracketRight' || '[]{}'.includes(e.key)) {
    const sign = e.code === 'BracketLeft' || e.key === '[' || e.key === '{' ? -1 : 1;
    return { kind: 'rotate', ids, degrees: sign * (e.shiftKey ? 1 : 15) };
  }
  return null;
}
