import { msg, str } from '@lit/localize';
import { html, svg } from 'lit';
import type { Room } from '../../editor/design.ts';
import type { Footprint } from '../../editor/footprint.ts';
import { wallName } from '../../room/describe-room.ts';
import { at, outwardNormal } from '../../room/polygon.ts';
import { wallWidth } from './parts.ts';

/**
 * The plan's grab handles (walls, corners, the rotate knob) and its keyboard help: drawn
 * once the gestures that use them have loaded (plan/interaction.ts), not in the first paint.
 */

const handleLabel = (room: Room, kind: 'wall' | 'corner', i: number, locale: string | undefined) =>
  kind === 'wall'
    ? msg(str`${wallName(room, i, locale).replace(/^w/, 'W')}. Drag or use the arrow keys to move it.`)
    : msg(str`Corner ${i + 1}. Drag or use the arrow keys to move it.`);

/** Grab areas along each wall's outer face (drag to move the wall) and a knob on each corner. */
export function roomHandles(room: Room, px: number, locale: string | undefined) {
  const label = (kind: 'wall' | 'corner', i: number) => handleLabel(room, kind, i, locale);
  const t = wallWidth(room, px);
  const c = room.corners;
  const knob = 6 / px;
  const wallsHit = c.map((a, i) => {
    const b = at(c, i + 1);
    const n = outwardNormal(c, i);
    const off = t / 2;
    return svg`<line class="wall-hit" data-drag="wall" data-index=${i} tabindex="0" role="button"
      aria-roledescription="wall" aria-label=${label('wall', i)}
      x1=${a.x + n.x * off} y1=${a.y + n.y * off} x2=${b.x + n.x * off} y2=${b.y + n.y * off}
      stroke-width=${Math.max(t, 12 / px)}></line>`;
  });
  const knobs = c.map(
    (p, i) => svg`<circle class="corner" data-drag="corner" data-index=${i} tabindex="0" role="button"
      aria-roledescription="corner" aria-label=${label('corner', i)} cx=${p.x} cy=${p.y} r=${knob}></circle>`,
  );
  return svg`<g class="room-handles">${wallsHit}${knobs}</g>`;
}

export function selectionHandle(s: Footprint, px: number) {
  const { item, depth: d } = s;
  const stem = 26 / px;
  const top = -d / 2;
  return svg`
    <g class="selection" transform="translate(${item.x} ${item.y}) rotate(${item.rotation})">
      <line x1="0" y1=${top} x2="0" y2=${top - stem}></line>
      <circle class="handle" data-drag="rotate" data-id=${item.id} cx="0" cy=${top - stem} r=${7 / px}
        ><title>${msg('Drag to rotate')}</title></circle>
    </g>
  `;
}

export const planHelp = html`
  <p id="help" class="sr-only">
    Arrow keys move the item (with Shift, ten times further). R rotates by 90 degrees, Shift+R back. The bracket
    keys rotate by 15 degrees, with Shift by 1 degree. Control+D duplicates, Delete removes, Escape deselects.
    Shift+Space adds the item to the selection or takes it out, Control+A selects every item; with several selected,
    these keys act on all of them, Alt+L, R, T and B align them left, right, top and bottom, Alt+H and Alt+V align
    their centres, Alt+Shift+H and Alt+Shift+V distribute them evenly.
  </p>
  <p id="plan-help" class="sr-only">
    Plus and minus zoom, 0 fits the room; the arrow keys pan the plan. On a wall or corner the arrow keys move it;
    on a door or window they slide it along its wall, H moves the hinge, S turns the swing, Delete removes it.
  </p>
`;
