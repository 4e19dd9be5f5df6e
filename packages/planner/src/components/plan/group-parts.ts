import { msg, str } from '@lit/localize';
import { html, nothing, svg } from 'lit';
import type { Footprint } from '../../editor/footprint.ts';
import type { AlignEdge, Axis } from '../../editor/group.ts';
import type { GroupGestures, GroupPreview } from './group-gestures.ts';
import { selectionHandle } from './handles.ts';

/**
 * What multi-select draws, with the gestures (not in the first paint): the box around a
 * selection of several, the marquee being dragged, and the selection bar with its tools.
 */

/** The rotate handle of one selected piece, or the box around several; and the marquee. */
export function selectionLayer(
  shapes: readonly Footprint[],
  selectedId: string | null,
  group: readonly string[],
  preview: GroupPreview | null,
  px: number,
) {
  const chosen = group.length ? shapes.filter((s) => group.includes(s.item.id)) : [];
  const one = chosen.length > 1 ? undefined : shapes.find((s) => s.item.id === selectedId);
  const hair = 1.5 / px;
  const rect = (b: Footprint['box'], cls: string, pad: number) =>
    svg`<rect class=${cls} x=${b.minX - pad} y=${b.minY - pad} width=${b.maxX - b.minX + 2 * pad}
      height=${b.maxY - b.minY + 2 * pad} fill=${cls === 'marquee' ? 'rgb(47 111 237 / 8%)' : 'none'}
      stroke="var(--pl-accent)" stroke-width=${hair} stroke-dasharray="${6 / px} ${4 / px}"></rect>`;
  let box: Footprint['box'] | undefined;
  if (chosen.length > 1) {
    const boxes = chosen.map((s) => s.box);
    box = {
      minX: Math.min(...boxes.map((b) => b.minX)),
      minY: Math.min(...boxes.map((b) => b.minY)),
      maxX: Math.max(...boxes.map((b) => b.maxX)),
      maxY: Math.max(...boxes.map((b) => b.maxY)),
    };
  }
  return svg`
    ${one ? selectionHandle(one, px) : nothing}
    ${box ? rect(box, 'group-box', 6 / px) : nothing}
    ${preview?.marquee ? rect(preview.marquee, 'marquee', 0) : nothing}
  `;
}

// Labels are functions: msg() must run at render time, in the language of then.
const ALIGN: [AlignEdge, () => string, string][] = [
  ['left', () => msg('Align left'), 'Alt+L'],
  ['right', () => msg('Align right'), 'Alt+R'],
  ['top', () => msg('Align top'), 'Alt+T'],
  ['bottom', () => msg('Align bottom'), 'Alt+B'],
  ['centre-x', () => msg('Align horizontal centres'), 'Alt+H'],
  ['centre-y', () => msg('Align vertical centres'), 'Alt+V'],
];
const DISTRIBUTE: [Axis, () => string, string][] = [
  ['x', () => msg('Distribute horizontally'), 'Alt+Shift+H'],
  ['y', () => msg('Distribute vertically'), 'Alt+Shift+V'],
];

const barStyles = html`<style>
  .select-bar { position: absolute; top: 8px; left: 8px; right: 8px; display: flex; flex-wrap: wrap; gap: 4px; pointer-events: none; }
  .select-bar > * { pointer-events: auto; }
  .select-bar button { height: 30px; padding: 0 8px; border: 1px solid var(--pl-border); border-radius: 8px;
    background: var(--pl-surface, #fff); color: var(--pl-text, #1b2127); font: inherit; font-weight: 600; cursor: pointer; }
  .select-bar button[aria-pressed='true'] { background: var(--pl-accent); border-color: var(--pl-accent); color: #fff; }
  .select-bar button:disabled { cursor: default; opacity: 0.55; }
  .select-bar button:focus-visible { outline: 2px solid var(--pl-accent); outline-offset: 1px; }
  .select-bar .count { align-self: center; padding: 2px 8px; border-radius: 6px; background: rgb(255 255 255 / 90%); font-weight: 600; }
</style>`;

/**
 * The selection bar over the plan: "Select" mode (for a finger: a drag marks an area, a tap
 * toggles a piece), and with several pieces selected, their tools, each with its key.
 */
export function selectionBar(g: GroupGestures) {
  const n = g.selection.length;
  const button = (label: string, key: string, run: () => void, disabled = false) =>
    html`<button type="button" title="${label} (${key})" ?disabled=${disabled} @click=${run}>${label}</button>`;
  return html`${barStyles}
    <div class="select-bar" role="group" aria-label=${msg('Selection')}>
      <button
        type="button"
        aria-pressed=${g.mode ? 'true' : 'false'}
        title=${msg('Select several pieces: tap them or drag across the floor (with a mouse: Shift+click, Shift+drag; Ctrl+A selects all)')}
        @click=${() => g.toggleMode()}
      >${msg('Select')}</button>
      ${
        n > 1
          ? html`<span class="count">${msg(str`${n} selected`)}</span>
            ${ALIGN.map(([edge, label, key]) => button(label(), key, () => g.run({ kind: 'align', edge })))}
            ${DISTRIBUTE.map(([axis, label, key]) => button(label(), key, () => g.run({ kind: 'distribute', axis }), n < 3))}
            ${button(msg('Rotate 90°'), 'R', () => g.run({ kind: 'rotate', degrees: 90 }))}
            ${button(msg('Duplicate'), 'Ctrl+D', () => g.run({ kind: 'duplicate' }))}
            ${button(msg('Delete'), 'Delete', () => g.run({ kind: 'delete' }))}
            ${button(msg('Clear selection'), 'Escape', () => g.select([]))}`
          : nothing
      }
    </div>`;
}
