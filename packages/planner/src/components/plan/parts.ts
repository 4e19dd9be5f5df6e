import { msg } from '@lit/localize';
import { nothing, svg } from 'lit';
import { describeItem } from '../../editor/describe.ts';
import type { Room } from '../../editor/design.ts';
import type { Footprint } from '../../editor/footprint.ts';
import type { ItemWarnings } from '../../editor/warnings.ts';
import { doorLeaf, placeOpening } from '../../room/openings.ts';
import { at, outwardNormal, type Vec, wallLength } from '../../room/polygon.ts';

/**
 * The drawn parts of the plan, as SVG templates in plan units (1 unit = 1 cm). Sizes meant
 * for the screen (labels, handles, hairlines) are divided by `px`, the screen pixels per cm.
 */

const path = (points: readonly Vec[]) => `M${points.map((p) => `${p.x} ${p.y}`).join('L')}Z`;

export function gridDefs(px: number, gridStep: number) {
  // Minor lines at the snapping step (or coarser when they would crowd), major lines every metre.
  const minor = [gridStep, 10, 25, 50, 100].find((s) => s * px >= 7) ?? 100;
  const hair = 1 / px;
  let d = '';
  for (let v = minor; v < 100; v += minor) d += `M${v} 0V100M0 ${v}H100`;
  return svg`
    <defs>
      <pattern id="grid" x="0" y="0" width="100" height="100" patternUnits="userSpaceOnUse">
        <rect width="100" height="100" fill="#fff"></rect>
        ${minor < 100 ? svg`<path d=${d} fill="none" stroke="#eef0f3" stroke-width=${hair}></path>` : nothing}
        <path d="M 100 0 L 0 0 0 100" fill="none" stroke="#dde1e6" stroke-width=${hair * 1.2}></path>
      </pattern>
    </defs>
  `;
}

/** Walls are at least this many screen pixels thick, so a thin wall stays visible zoomed out. */
export const wallWidth = (room: Room, px: number) => Math.max(room.wall_thickness_cm, 3 / px);

/**
 * The walls stand outside the floor: a stroke twice their thickness along the outline, its
 * inner half hidden under the floor, so the floor keeps its full size and corners are mitred.
 */
export function walls(room: Room, px: number) {
  const t = wallWidth(room, px);
  const d = path(room.corners);
  return svg`
    <path class="wall" d=${d} stroke-width=${t * 2}></path>
    <path class="floor" d=${d} fill="url(#grid)"></path>
  `;
}

/** Doors and windows: a gap in the wall, the leaf and its swing arc, or the glazing lines. */
export function openings(room: Room, px: number, selectedId: string | null) {
  const t = wallWidth(room, px);
  return room.openings.map((o) => {
    const p = placeOpening(room, o);
    const out = (v: Vec, k: number) => ({ x: v.x + p.normal.x * t * k, y: v.y + p.normal.y * t * k });
    const gap = path([p.start, p.end, out(p.end, 1), out(p.start, 1)]);
    let symbol: ReturnType<typeof svg>;
    if (o.kind === 'door') {
      const { hinge, closed, open } = doorLeaf(p);
      // Clockwise or not depends on which way the leaf turns from closed to open.
      const cross = (closed.x - hinge.x) * (open.y - hinge.y) - (closed.y - hinge.y) * (open.x - hinge.x);
      const r = o.width_cm;
      symbol = svg`
        <path class="swing" d="M${hinge.x} ${hinge.y}L${closed.x} ${closed.y}A${r} ${r} 0 0 ${cross > 0 ? 1 : 0} ${open.x} ${open.y}Z"></path>
        <line class="leaf" x1=${hinge.x} y1=${hinge.y} x2=${open.x} y2=${open.y}></line>`;
    } else {
      const a = out(p.start, 0.35);
      const b = out(p.end, 0.35);
      const c = out(p.start, 0.65);
      const e = out(p.end, 0.65);
      symbol = svg`<path class="glass" d="M${a.x} ${a.y}L${b.x} ${b.y}M${c.x} ${c.y}L${e.x} ${e.y}"></path>`;
    }
    const label = o.kind === 'door' ? msg('Door') : msg('Window');
    return svg`
      <g class="opening ${o.kind}${o.id === selectedId ? ' selected' : ''}" data-drag="opening" data-id=${o.id}
        tabindex="0" role="button" aria-roledescription=${o.kind} aria-label=${label}>
        <path class="gap" d=${gap}></path>
        ${symbol}
        <path class="hit" d=${gap}></path>
      </g>`;
  });
}

/** Each wall's length, outside it along its middle. */
export function wallLabels(room: Room, px: number, len: (cm: number) => string) {
  const c = room.corners;
  const t = wallWidth(room, px);
  return svg`<g class="dims" aria-hidden="true" style="font-size:${12 / px}px">${c.map((a, i) => {
    const b = at(c, i + 1);
    const n = outwardNormal(c, i);
    const off = t + 12 / px;
    const mx = (a.x + b.x) / 2 + n.x * off;
    const my = (a.y + b.y) / 2 + n.y * off;
    let angle = (Math.atan2(b.y - a.y, b.x - a.x) * 180) / Math.PI;
    if (angle > 90 || angle < -90) angle += 180;
    return svg`<text class="dim-label" x=${mx} y=${my} dy="0.35em" transform="rotate(${angle} ${mx} ${my})">${len(wallLength(c, i))}</text>`;
  })}</g>`;
}

export function badge(s: Footprint, warnings: ItemWarnings | undefined, px: number) {
  if (!warnings) return nothing;
  const r = 8 / px;
  return svg`
    <g class="badge" transform="translate(${s.box.maxX} ${s.box.minY})">
      <circle r=${r}></circle>
      <text y=${r * 0.38} style="font-size:${r * 1.35}px">!</text>
    </g>
  `;
}

export interface ItemPartOptions {
  selected: boolean;
  warnings: ItemWarnings | undefined;
  nameOf: (id: string) => string;
  unit: Room['unit'];
  locale: string | undefined;
  /** False while the catalog loads: an item it does not know yet is drawn as pending, not unknown. */
  catalogReady: boolean;
  symbolUrl: (relative: string) => string;
  /** Draws the piece in its variant's colour; comes with the deferred chunk (`variant-paint.ts`). */
  paint?: ((s: Footprint, o: ItemPartOptions) => unknown) | undefined;
  onKey: (e: KeyboardEvent) => void;
  onFocus: () => void;
}

/** A placed piece: its symbol to scale, focusable and described, with its selection and warning states. */
export function itemPart(s: Footprint, o: ItemPartOptions) {
  const { item, catalogItem, width: w, depth: d } = s;
  const known = catalogItem !== undefined;
  const label = describeItem({
    item,
    catalogItem,
    box: s.box,
    warnings: o.warnings,
    nameOf: o.nameOf,
    unit: o.unit,
    locale: o.locale,
  });
  const state = known ? '' : o.catalogReady ? ' unknown' : ' pending';
  const cls = `item${o.selected ? ' selected' : ''}${o.warnings ? ' warn' : ''}${state}`;
  return svg`
    <g
      class=${cls}
      data-id=${item.id}
      data-drag="move"
      transform="translate(${item.x} ${item.y}) rotate(${item.rotation})"
      tabindex="0"
      role="button"
      aria-roledescription="furniture"
      aria-label=${o.selected ? `${label} Selected.` : label}
      aria-describedby="help"
      @keydown=${o.onKey}
      @focus=${o.onFocus}
    >
      <rect class="footprint" x=${-w / 2} y=${-d / 2} width=${w} height=${d}></rect>
      ${
        known
          ? svg`<image href=${o.symbolUrl(catalogItem.symbol_url)} x=${-w / 2} y=${-d / 2} width=${w} height=${d} preserveAspectRatio="none" decoding="async"></image>`
          : nothing
      }
      ${o.paint?.(s, o)}
      <rect class="tint" x=${-w / 2} y=${-d / 2} width=${w} height=${d}></rect>
      <rect class="ring" x=${-w / 2} y=${-d / 2} width=${w} height=${d}></rect>
    </g>
  `;
}
