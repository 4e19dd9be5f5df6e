import { readdir, readFile } from 'node:fs/promises';
import { afterAll, expect, it } from 'vitest';
import { createLegalEntity } from '../accounts/legal-entities.ts';
import { migrate } from '../db/migrate.ts';
import { openPglite } from '../db/pglite.ts';
import { CatalogStore } from './catalog-store.ts';

const db = await openPglite(undefined);
afterAll(() => db.close());

it('migration 006 gives every legal entity that existed its version 1 (the seed); later ones start empty', async () => {
  // The store as it was before 006, with a legal entity in it.
  const dir = new URL('../../migrations/', import.meta.url);
  await db.exec(
    'create table schema_migrations (name text primary key, applied_at timestamptz not null default now())',
  );
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.sql') && f < '006').sort()) {
    await db.exec(await readFile(new URL(file, dir), 'utf8'));
    await db.query('insert into schema_migrations (name) values ($1)', [file]);
  }
  const before = await createLegalEntity(db, { name: 'Before' });
  expect(await migrate(db)).toContain('006_catalog_per_entity.sql');
  const after = await createLegalEntity(db, { name: 'After' });

  const store = new CatalogStore(db);
  const old = await store.page(before.id, { limit: 200 });
  expect(old).toMatchObject({ version: 1, currency: 'EUR', total: 56 });
  const sofa = old.items.find((i) => i.id === 'sofa-3-seat')!;
  expect(await store.symbol(sofa.symbol_url.split('/').at(-1)!)).toContain('viewBox="0 0 228 95"');
  expect((await store.page(before.id, { q: 'sofa' })).items.map((i) => i.id)).toContain('sofa-3-seat');
  expect(await store.page(after.id, {})).toMatchObject({ version: 0, total: 0, items: [] });
});
