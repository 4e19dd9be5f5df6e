import { msg, str } from '@lit/localize';
import type { CatalogIndex, Design } from '../editor/design.ts';
import { footprint } from '../editor/footprint.ts';
import { formatArea, formatLength } from '../editor/units.ts';
import { doorLeaf, placeOpening } from '../room/openings.ts';
import { area, at, outwardNormal, type Vec, wallLength } from '../room/polygon.ts';
import { type LegendEntry, legendOf } from './legend.ts';
import { A4_LANDSCAPE_MM, paperScale } from './paper-scale.ts';
import { xmlText } from './xml.ts';

export interface PlanSvgInput {
  design: Design;
  catalog: CatalogIndex;
  /** The project's name, in the caption. */
  title: string;
  /**
   * Each symbol's SVG as a `data:image/svg+xml;base64,…` URI, by the catalog's `symbol_url`
   * (see `symbols.ts`). A piece without one is drawn as its outline only.
   */
  symbols?: ReadonlyMap<string, string> | undefined;
  locale?: string | undefined;
  /** The paper the drawing is scaled to fit, mm (A4 landscape by default). */
  paper?: { width: number; height: number } | undefined;
  /** Draw the legend under the plan (default true; the print view lists it on its own page). */
  legend?: boolean | undefined;
}

export interface PlanSvg {
  /** A standalone SVG document: no external references, no script, no styles to load. */
  svg: string;
  /** The drawing is at 1:scale when printed at its `width`/`height` (mm). */
  scale: number;
  widthMm: number;
  heightMm: number;
  /** The drawing's extent in cm of room (its `viewBox`). */
  viewBox: { x: number; y: number; width: number; height: number };
  legend: LegendEntry[];
}

/** Text prints 2.8 mm tall (about 8 pt) whatever the scale: at 1:n that is 0.28·n cm of room. */
const textCm = (n: number) => 0.28 * n;
const DATA_URI = /^data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+$/;
const r1 = (v: number) => Math.round(v * 10) / 10;
const path = (points: readonly Vec[]) => `M${points.map((p) => `${r1(p.x)} ${r1(p.y)}`).join('L')}Z`;

/**
 * The plan as a standalone SVG drawn to scale: the walls (as thick as they are) with their
 * doors (leaf and swing arc) and windows, every wall's length and the room's overall width
 * and depth, each placed piece with its catalog symbol at its size and angle and its legend
 * number, a caption with the scale and the floor area, and the legend. One unit is one cm of
 * room; `width`/`height` are in mm at the chosen scale, so printing it at 100 % is to scale.
 *
 * Every text (names come from catalogs and shoppers) goes through `xmlText`, and a symbol
 * is embedded only as a base64 `data:` image, which an SVG viewer never runs scripts from.
 */
export function planSvg(input: PlanSvgInput): PlanSvg {
  const { design, catalog, locale } = input;
  const { room } = design;
  const unit = room.unit;
  const len = (cm: number) => formatLength(cm, unit, locale);
  const t = room.wall_thickness_cm;
  const prints = design.items.map((item) => footprint(item, catalog));
  const legend = legendOf(design.items, catalog);
  const numberOf = new Map(legend.map((e) => [e.catalogId, e.number]));

  const xs = [...room.corners.map((c) => c.x), ...prints.flatMap((p) => [p.box.minX, p.box.maxX])];
  const ys = [...room.corners.map((c) => c.y), ...prints.flatMap((p) => [p.box.minY, p.box.maxY])];
  const box = { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
  const roomBox = {
    minX: Math.min(...room.corners.map((c) => c.x)),
    minY: Math.min(...room.corners.map((c) => c.y)),
  };
  const showLegend = input.legend !== false && legend.length > 0;

  const layout = (n: number) => {
    const fs = textCm(n);
    const margin = t + fs * 5;
    const width = box.maxX - box.minX + margin * 2;
    const colWidth = fs * 24;
    const cols = Math.max(1, Math.floor(width / colWidth));
    const rows = showLegend ? Math.ceil(legend.length / cols) : 0;
    const caption = fs * 2.5;
    const height = box.maxY - box.minY + margin * 2 + caption + (rows ? fs * (1 + rows * 1.6) : 0);
    return { fs, margin, width, height, cols, colWidth, caption };
  };
  const scale = paperScale(layout, input.paper ?? A4_LANDSCAPE_MM);
  const L = layout(scale);
  const { fs } = L;
  const vb = {
    x: r1(box.minX - L.margin),
    y: r1(box.minY - L.margin),
    width: r1(L.width),
    height: r1(L.height),
  };
  const hair = fs * 0.06;
  const font = `font-family="system-ui, sans-serif" font-size="${r1(fs)}"`;
  const parts: string[] = [];

  // Walls: a stroke twice their thickness along the outline, the floor over its inner half.
  const outline = path(room.corners);
  parts.push(
    `<path d="${outline}" fill="none" stroke="#3b4250" stroke-width="${r1(t * 2)}" stroke-linejoin="miter"/>`,
    `<path d="${outline}" fill="#ffffff" stroke="#3b4250" stroke-width="${r1(hair)}"/>`,
  );

  for (const o of room.openings) {
    const p = placeOpening(room, o);
    const out = (v: Vec, k: number) => ({ x: v.x + p.normal.x * t * k, y: v.y + p.normal.y * t * k });
    parts.push(`<path d="${path([p.start, p.end, out(p.end, 1), out(p.start, 1)])}" fill="#ffffff"/>`);
    if (o.kind === 'door') {
      const { hinge, closed, open } = doorLeaf(p);
      const cross = (closed.x - hinge.x) * (open.y - hinge.y) - (closed.y - hinge.y) * (open.x - hinge.x);
      const r = r1(o.width_cm);
      parts.push(
        `<path d="M${r1(closed.x)} ${r1(closed.y)}A${r} ${r} 0 0 ${cross > 0 ? 1 : 0} ${r1(open.x)} ${r1(open.y)}" fill="none" stroke="#6b7280" stroke-width="${r1(hair)}" stroke-dasharray="${r1(fs * 0.4)} ${r1(fs * 0.3)}"/>`,
        `<line x1="${r1(hinge.x)}" y1="${r1(hinge.y)}" x2="${r1(open.x)}" y2="${r1(open.y)}" stroke="#3b4250" stroke-width="${r1(hair * 3)}"/>`,
      );
    } else {
      const a = out(p.start, 0.35);
      const b = out(p.end, 0.35);
      const c = out(p.start, 0.65);
      const e = out(p.end, 0.65);
      parts.push(
        `<path d="M${r1(a.x)} ${r1(a.y)}L${r1(b.x)} ${r1(b.y)}M${r1(c.x)} ${r1(c.y)}L${r1(e.x)} ${r1(e.y)}" stroke="#3b82f6" stroke-width="${r1(hair * 2)}"/>`,
      );
    }
  }

  // Each wall's length just outside it; the overall width and depth as dimension lines further out.
  const dims: string[] = [];
  const c = room.corners;
  c.forEach((a, i) => {
    const b = at(c, i + 1);
    const nrm = outwardNormal(c, i);
    const off = t + fs * 1.1;
    const mx = r1((a.x + b.x) / 2 + nrm.x * off);
    const my = r1((a.y + b.y) / 2 + nrm.y * off);
    let angle = (Math.atan2(b.y - a.y, b.x - a.x) * 180) / Math.PI;
    if (angle > 90 || angle < -90) angle += 180;
    dims.push(
      `<text x="${mx}" y="${my}" dy="0.35em" text-anchor="middle" transform="rotate(${r1(angle)} ${mx} ${my})">${xmlText(len(wallLength(c, i)))}</text>`,
    );
  });
  const tick = fs * 0.5;
  const dimY = r1(roomBox.minY - t - fs * 3.4);
  const dimX = r1(roomBox.minX - t - fs * 3.4);
  const x0 = r1(roomBox.minX);
  const x1 = r1(roomBox.minX + room.width_cm);
  const y0 = r1(roomBox.minY);
  const y1 = r1(roomBox.minY + room.depth_cm);
  dims.push(
    `<path d="M${x0} ${dimY}H${x1}M${x0} ${r1(dimY - tick)}V${r1(dimY + tick)}M${x1} ${r1(dimY - tick)}V${r1(dimY + tick)}" stroke="#3b4250" stroke-width="${r1(hair)}"/>`,
    `<text x="${r1((x0 + x1) / 2)}" y="${r1(dimY - fs * 0.4)}" text-anchor="middle">${xmlText(len(room.width_cm))}</text>`,
    `<path d="M${dimX} ${y0}V${y1}M${r1(dimX - tick)} ${y0}H${r1(dimX + tick)}M${r1(dimX - tick)} ${y1}H${r1(dimX + tick)}" stroke="#3b4250" stroke-width="${r1(hair)}"/>`,
    `<text x="${r1(dimX - fs * 0.4)}" y="${r1((y0 + y1) / 2)}" text-anchor="middle" transform="rotate(-90 ${r1(dimX - fs * 0.4)} ${r1((y0 + y1) / 2)})">${xmlText(len(room.depth_cm))}</text>`,
  );
  parts.push(`<g fill="#3b4250" ${font} data-part="dimensions">${dims.join('')}</g>`);

  // The pieces, rugs first (they lie under the furniture), each with its number on top.
  const order = [...prints].sort(
    (a, b) => Number((b.catalogItem?.height_cm ?? 99) <= 2) - Number((a.catalogItem?.height_cm ?? 99) <= 2),
  );
  for (const p of order) {
    const { item, width: w, depth: d, catalogItem } = p;
    const name = catalogItem?.name ?? msg('Unknown item');
    const symbol = catalogItem ? input.symbols?.get(catalogItem.symbol_url) : undefined;
    const rect = `x="${r1(-w / 2)}" y="${r1(-d / 2)}" width="${r1(w)}" height="${r1(d)}"`;
    parts.push(
      `<g data-item="${xmlText(item.id)}" transform="translate(${r1(item.x)} ${r1(item.y)}) rotate(${item.rotation})"><title>${xmlText(name)}</title>`,
      `<rect ${rect} fill="#f8fafc" stroke="#475569" stroke-width="${r1(hair)}"/>`,
      symbol && DATA_URI.test(symbol) ? `<image href="${symbol}" ${rect} preserveAspectRatio="none"/>` : '',
      '</g>',
    );
  }
  const labels = prints.map((p) => {
    const n = numberOf.get(p.item.catalog_id);
    const x = r1(p.item.x);
    const y = r1(p.item.y);
    return `<circle cx="${x}" cy="${y}" r="${r1(fs * 0.8)}" fill="#ffffff" stroke="#3b4250" stroke-width="${r1(hair)}"/><text x="${x}" y="${y}" dy="0.35em" text-anchor="middle">${n ?? ''}</text>`;
  });
  parts.push(`<g fill="#111827" ${font} font-weight="600" data-part="numbers">${labels.join('')}</g>`);

  // The caption and the legend, under the plan.
  const captionY = r1(box.maxY + L.margin + fs);
  const caption = [
    input.title,
    msg(str`Scale 1:${scale} (A4 landscape)`),
    `${len(room.width_cm)} × ${len(room.depth_cm)}`,
    formatArea(area(room.corners), unit, locale),
  ].join(' · ');
  parts.push(
    `<text x="${r1(vb.x + fs)}" y="${captionY}" fill="#111827" ${font} font-weight="600" data-part="caption">${xmlText(caption)}</text>`,
  );
  if (showLegend) {
    const top = captionY + fs * 1.8;
    const rows = legend.map((e, i) => {
      const x = r1(vb.x + fs + (i % L.cols) * L.colWidth);
      const y = r1(top + Math.floor(i / L.cols) * fs * 1.6);
      const size = `${len(e.widthCm)} × ${len(e.depthCm)}`;
      return `<text x="${x}" y="${y}">${e.number}. ${xmlText(e.name)} (${xmlText(size)})${e.count > 1 ? ` ×${e.count}` : ''}</text>`;
    });
    parts.push(`<g fill="#374151" ${font} data-part="legend">${rows.join('')}</g>`);
  }

  const widthMm = r1((vb.width * 10) / scale);
  const heightMm = r1((vb.height * 10) / scale);
  const svg =
    `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${widthMm}mm" height="${heightMm}mm" viewBox="${vb.x} ${vb.y} ${vb.width} ${vb.height}">` +
    `<title>${xmlText(input.title)}</title><rect x="${vb.x}" y="${vb.y}" width="${vb.width}" height="${vb.height}" fill="#ffffff"/>` +
    `${parts.join('')}</svg>\n`;
  return { svg, scale, widthMm, heightMm, viewBox: vb, legend };
}
