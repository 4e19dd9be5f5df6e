import { readdir, readFile } from 'node:fs/promises';
import { afterAll, expect, it } from 'vitest';
import { createLegalEntity } from '../accounts/legal-entities.ts';
import { migrate } from '../db/migrate.ts';
import { openPglite } from '../db/pglite.ts';
import { prepareImport } from './catalog-import.ts';
import { applyImport, CatalogStore, seedItems } from './catalog-store.ts';

const db = await openPglite(undefined);
afterAll(() => db.close());

it('migration 009 gives the seed its variants, and the catalogs still on the seed, never an imported one', async () => {
  // The store as it was before 009: one legal entity on the seed, one that imported its own.
  const dir = new URL('../../migrations/', import.meta.url);
  await db.exec(
    'create table schema_migrations (name text primary key, applied_at timestamptz not null default now())',
  );
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.sql') && f < '009').sort()) {
    await db.exec(await readFile(new URL(file, dir), 'utf8'));
    await db.query('insert into schema_migrations (name) values ($1)', [file]);
  }
  const onSeed = await createLegalEntity(db, { name: 'On the seed' });
  const own = await createLegalEntity(db, { name: 'Own catalog' });
  // As 006 left them: version 1, the seed.
  await db.query(
    `insert into catalog_entries (legal_entity_id, sku, category, name, description, width_cm, depth_cm, height_cm,
       price_cents, currency, symbol_hash, sort_order, updated_in, search)
     select $1, s.id, s.category, s.name, s.description, s.width_cm, s.depth_cm, s.height_cm, s.price_cents,
       s.currency, encode(sha256(convert_to(s.symbol_svg, 'UTF8')), 'hex'), s.sort_order, 1, to_tsvector('simple', s.id)
     from catalog_seed_items s`,
    [onSeed.id],
  );
  await db.query(
    `insert into catalog_versions (legal_entity_id, version, source, items, added, updated, retired, currency)
     values ($1, 1, 'seed', 56, 56, 0, 0, 'EUR')`,
    [onSeed.id],
  );
  const chair = {
    sku: 'dining-chair',
    name: 'Own chair',
    category: 'Seating',
    width_cm: 45,
    depth_cm: 50,
    height_cm: 80,
    price_cents: 5000,
    currency: 'EUR',
  };
  await applyImport(db, own.id, prepareImport({ items: [chair] }), 'import');

  expect(await migrate(db)).toEqual(['009_seed_variants.sql']);
  const store = new CatalogStore(db);
  const [seeded] = (await store.lookup(onSeed.id, ['dining-chair'])).items;
  expect(seeded!.variants).toEqual([
    { sku: 'dining-chair-black', kind: 'colour', name: 'Black', price_cents: 12900, colour: '#2f2f2f' },
    { sku: 'dining-chair-walnut', kind: 'material', name: 'Walnut', price_cents: 14900, colour: '#6b4a2f' },
  ]);
  // The variants' names are searchable, as an import makes them.
  expect((await store.page(onSeed.id, { q: 'walnut' })).items.map((i) => i.id)).toEqual(['dining-chair']);
  expect((await store.lookup(own.id, ['dining-chair'])).items[0]!.variants).toEqual([]);

  // What a newly provisioned demo shop adopts carries them too, and is a valid import: every
  // SKU unique across items and variants.
  const seed = await seedItems(db);
  expect(seed.find((i) => i.sku === 'sofa-3-seat')!.variants.map((v) => v.sku)).toEqual([
    'sofa-3-seat-green',
    'sofa-3-seat-ochre',
  ]);
  const skus = seed.flatMap((i) => [i.sku, ...i.variants.map((v) => v.sku)]);
  expect(new Set(skus).size).toBe(skus.length);
});
