/**
 * A plan symbol for an item imported without one: its footprint to scale (viewBox = width ×
 * depth in cm, like the seed's), in the seed's palette, with a mark that tells the kind of
 * piece apart by its category or name. Built only from numbers, so it needs no sanitizing.
 */

const STYLE =
  'fill="#f4f1ec" stroke="#4a4a4a" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round"';

type Mark = (w: number, d: number) => string;

const n = (v: number) => String(Math.round(v * 10) / 10);

/** Seating: a back along the rear edge and arms at the sides. */
const seat: Mark = (w, d) => {
  const back = Math.max(4, d * 0.18);
  const arm = Math.min(w * 0.12, 14);
  return `<rect x="1" y="1" width="${n(w - 2)}" height="${n(back)}" rx="3" fill="#e6e0d6"/><rect x="1" y="1" width="${n(arm)}" height="${n(d - 2)}" rx="3" fill="#e6e0d6"/><rect x="${n(w - 1 - arm)}" y="1" width="${n(arm)}" height="${n(d - 2)}" rx="3" fill="#e6e0d6"/>`;
};
/** Beds: pillows at the head and a folded-back cover. */
const bed: Mark = (w, d) => {
  const pw = (w - 12) / 2;
  const ph = Math.min(30, d * 0.15);
  return `<rect x="4" y="6" width="${n(pw)}" height="${n(ph)}" rx="5" fill="#fbfaf8"/><rect x="${n(8 + pw)}" y="6" width="${n(pw)}" height="${n(ph)}" rx="5" fill="#fbfaf8"/><rect x="2" y="${n(d * 0.3)}" width="${n(w - 4)}" height="${n(d * 0.7 - 2)}" rx="3" fill="#e6e0d6"/>`;
};
/** Tables and desks: an inset edge line. */
const table: Mark = (w, d) =>
  `<rect x="5" y="5" width="${n(Math.max(1, w - 10))}" height="${n(Math.max(1, d - 10))}" fill="none" stroke-width="1"/>`;
/** Storage: doors or drawers along the front (+y) edge. */
const storage: Mark = (w, d) => {
  const doors = Math.max(1, Math.round(w / 50));
  let out = `<path d="M1 ${n(d - 5)}H${n(w - 1)}" stroke-width="1"/>`;
  for (let i = 1; i < doors; i++)
    out += `<path d="M${n((w * i) / doors)} ${n(d - 5)}V${n(d - 1)}" stroke-width="1"/>`;
  return out;
};
/** Anything else: a cross, as architects mark an unnamed box. */
const other: Mark = (w, d) =>
  `<path d="M5 5L${n(w - 5)} ${n(d - 5)}M${n(w - 5)} 5L5 ${n(d - 5)}" fill="none" stroke-width="1" stroke-dasharray="4 3"/>`;

const MARKS: [RegExp, Mark][] = [
  [/seat|sofa|chair|stool|couch|armchair|bench|pouf/i, seat],
  [/bed|mattress/i, bed],
  [/table|desk|counter|island/i, table],
  [/storage|wardrobe|cabinet|shelf|shelv|dresser|drawer|sideboard|bookcase|kitchen/i, storage],
];

export function generatedSymbol(input: {
  category: string;
  name: string;
  width_cm: number;
  depth_cm: number;
}): string {
  const w = input.width_cm;
  const d = input.depth_cm;
  const text = `${input.category} ${input.name}`;
  const mark = MARKS.find(([re]) => re.test(text))?.[1] ?? other;
  const small = Math.min(w, d) < 12;
  const body = `<rect x="1" y="1" width="${n(Math.max(1, w - 2))}" height="${n(Math.max(1, d - 2))}" rx="${small ? 0 : 2}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${d}"><g ${STYLE}>${body}${small ? '' : mark(w, d)}</g></svg>`;
}
