// Regenerates src/dev/seed-catalog.json (the dev preview's catalog, symbols included) from
// the platform's catalog seed migration, so the preview shows the real furniture.
//
//   node scripts/dev-catalog.mjs
import { readFile, writeFile } from 'node:fs/promises';

const root = new URL('..', import.meta.url);
const sql = await readFile(new URL('../platform/migrations/002_catalog_seed.sql', root), 'utf8');
const values = sql.slice(sql.indexOf('values') + 'values'.length);
// One tuple: ('id', 'category', 'name', 'description', w, d, h, price, 'EUR', '<svg…>', sort)
const field = /\s*(?:'((?:[^']|'')*)'|(-?\d+))\s*([,)])/y;
const items = [];
for (let at = values.indexOf('('); at >= 0; at = values.indexOf('(', field.lastIndex)) {
  const row = [];
  field.lastIndex = at + 1;
  for (let m = field.exec(values); m; m = field.exec(values)) {
    row.push(m[1] === undefined ? Number(m[2]) : m[1].replaceAll("''", "'"));
    if (m[3] === ')') break;
  }
  if (row.length !== 11) continue;
  const [id, category, name, description, width_cm, depth_cm, height_cm, price_cents, currency, symbol_svg] =
    row;
  items.push({
    id,
    category,
    name,
    description,
    width_cm,
    depth_cm,
    height_cm,
    price_cents,
    currency,
    symbol_url: `/v1/catalog/${encodeURIComponent(id)}/symbol.svg`,
    symbol_svg,
  });
}
const categories = [...new Set(items.map((i) => i.category))];
await writeFile(
  new URL('src/dev/seed-catalog.json', root),
  `${JSON.stringify({ categories, items }, null, 2)}\n`,
);
console.log(`${items.length} items in ${categories.length} categories`);
