import { msg, str } from '@lit/localize';
import { formatPrice } from '../editor/price.ts';
import { formatLength, type Unit } from '../editor/units.ts';
import type { ShoppingList } from '../retail/basket.ts';
import type { PlanSvg } from './plan-svg.ts';

const STYLE_ID = 'planner-print-style';
const VIEW_CLASS = 'planner-print';

/**
 * On paper: A4 landscape, the plan alone on the first sheet at the scale it states (its SVG
 * is sized in mm, and nothing scales it), the legend and the shopping list on the second. On
 * screen the print view is hidden; in print everything else is. It lives in the iframe's own
 * document, outside the app's shadow roots, so one stylesheet there decides.
 */
const PRINT_CSS = `
@page { size: A4 landscape; margin: 10mm; }
@media screen { .${VIEW_CLASS} { display: none !important; } }
@media print {
  body > :not(.${VIEW_CLASS}) { display: none !important; }
  .${VIEW_CLASS} { display: block; font: 10pt system-ui, sans-serif; color: #111827; }
  .${VIEW_CLASS} h1 { font-size: 14pt; margin: 0 0 1mm; }
  .${VIEW_CLASS} h2 { font-size: 12pt; margin: 0 0 2mm; }
  .${VIEW_CLASS} .scale { margin: 0 0 3mm; }
  .${VIEW_CLASS} svg { display: block; max-width: none; }
  .${VIEW_CLASS} .sheet + .sheet { break-before: page; }
  .${VIEW_CLASS} table { border-collapse: collapse; margin-bottom: 6mm; }
  .${VIEW_CLASS} th, .${VIEW_CLASS} td { border-bottom: 0.2mm solid #d1d5db; padding: 1mm 3mm; text-align: left; }
  .${VIEW_CLASS} td.num, .${VIEW_CLASS} th.num { text-align: right; }
}`;

/** The plan's share of the sheet: A4 landscape less margins, title and scale lines. */
export const PRINT_PLAN_MM = { width: 277, height: 168 } as const;

export interface PrintInput {
  title: string;
  /** The plan without its own legend (drawn for `PRINT_PLAN_MM`). */
  plan: PlanSvg;
  list: ShoppingList;
  unit: Unit;
  locale: string | undefined;
}

function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  text?: string,
  cls?: string,
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}

function table(doc: Document, head: string[], rows: string[][], numeric: number[]): HTMLTableElement {
  const t = el(doc, 'table');
  const tr = t.createTHead().insertRow();
  head.forEach((h, i) => {
    const th = el(doc, 'th', h, numeric.includes(i) ? 'num' : undefined);
    th.scope = 'col';
    tr.append(th);
  });
  const body = t.createTBody();
  for (const row of rows) {
    const r = body.insertRow();
    row.forEach((cell, i) => {
      r.append(el(doc, 'td', cell, numeric.includes(i) ? 'num' : undefined));
    });
  }
  return t;
}

/**
 * Puts the print view (replacing an earlier one) into `doc`: the plan to scale with its scale
 * stated, then the legend and the shopping list. Every text is set as text, never as markup;
 * the plan's SVG is parsed as XML (its texts are escaped by `planSvg`).
 */
export function preparePrintView(doc: Document, input: PrintInput): HTMLElement {
  const { plan, list, unit, locale } = input;
  if (!doc.getElementById(STYLE_ID)) {
    const style = el(doc, 'style', PRINT_CSS);
    style.id = STYLE_ID;
    doc.head.append(style);
  }
  doc.querySelector(`.${VIEW_CLASS}`)?.remove();
  const view = el(doc, 'section', undefined, VIEW_CLASS);
  view.setAttribute('aria-label', msg('Print view'));

  const sheet = el(doc, 'div', undefined, 'sheet');
  const svg = new DOMParser().parseFromString(plan.svg, 'image/svg+xml').documentElement;
  sheet.append(
    el(doc, 'h1', input.title),
    el(doc, 'p', msg(str`Scale 1:${plan.scale} on A4 landscape (print at 100 %)`), 'scale'),
    doc.importNode(svg, true),
  );

  const len = (cm: number) => formatLength(cm, unit, locale);
  const second = el(doc, 'div', undefined, 'sheet');
  second.append(
    el(doc, 'h2', msg('Legend')),
    table(
      doc,
      [msg('No.'), msg('Piece'), msg('Size'), msg('Quantity')],
      plan.legend.map((e) => [
        String(e.number),
        e.name,
        `${len(e.widthCm)} × ${len(e.depthCm)}`,
        String(e.count),
      ]),
      [0, 3],
    ),
    el(doc, 'h2', msg('Shopping list')),
  );
  const basket = list.basket;
  if (basket) {
    const price = (cents: number) => formatPrice(cents, basket.currency, locale);
    const rows = basket.lines.map((l) => [
      l.name,
      l.variant ?? l.sku,
      String(l.quantity),
      price(l.unit_cents),
      price(l.subtotal_cents),
    ]);
    rows.push([
      msg('Total'),
      '',
      String(basket.lines.reduce((n, l) => n + l.quantity, 0)),
      '',
      price(basket.total_cents),
    ]);
    second.append(
      table(doc, [msg('Item'), msg('SKU'), msg('Quantity'), msg('Price'), msg('Subtotal')], rows, [2, 3, 4]),
    );
  } else {
    second.append(
      el(
        doc,
        'p',
        list.currencies.length > 1
          ? msg('The pieces are priced in more than one currency.')
          : msg('Nothing to buy yet.'),
      ),
    );
  }
  const flagged = list.flagged.reduce((n, f) => n + f.quantity, 0);
  if (flagged > 0)
    second.append(el(doc, 'p', msg(str`${flagged} not in the basket (not sold, or not in the catalog).`)));
  view.append(sheet, second);
  doc.body.append(view);
  return view;
}
