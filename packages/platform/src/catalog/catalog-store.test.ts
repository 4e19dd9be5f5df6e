import { afterAll, describe, expect, it } from 'vitest';
import { createLegalEntity } from '../accounts/legal-entities.ts';
import type { Database } from '../db/database.ts';
import { startTestPlatform } from '../testing/test-platform.ts';
import { prepareImport } from './catalog-import.ts';
import { applyImport, CatalogStore } from './catalog-store.ts';

// A test platform's store: PGlite, or a schema of its own on DATABASE_URL's PostgreSQL.
const tp = await startTestPlatform();
const { db } = tp.platform.services;
afterAll(() => tp.close());
const store = new CatalogStore(db);

const items = (prefix: string, n: number) =>
  prepareImport({
    items: Array.from({ length: n }, (_, i) => ({
      sku: `${prefix}-${i}`,
      name: `${prefix} ${i}`,
      category: 'Seating',
      width_cm: 50,
      depth_cm: 50,
      height_cm: 50,
      price_cents: 100,
      currency: 'EUR',
    })),
  });

/** The store, but its transactions fail at the first statement matching `fault`. */
const failingAt = (fault: RegExp): Database => ({
  ...db,
  transaction: (fn) =>
    db.transaction((tx) =>
      fn({
        ...tx,
        query: async (sql, params) => {
          if (fault.test(sql)) throw new Error('injected fault');
          return tx.query(sql, params);
        },
      }),
    ),
});

describe('applyImport', () => {
  it('is all or nothing: a failure half-way leaves the previous version whole', async () => {
    const le = await createLegalEntity(db, { name: 'Atomic' });
    await applyImport(db, le.id, items('old', 3), 'import');
    // Past the upserts of 1 200 rows (three batches) and the retirements, at the version row.
    await expect(
      applyImport(failingAt(/insert into catalog_versions/), le.id, items('new', 1200), 'import'),
    ).rejects.toThrow('injected fault');
    const page = await store.page(le.id, { limit: 200 });
    expect(page.version).toBe(1);
    expect(page.items.map((i) => i.id)).toEqual(['old-0', 'old-1', 'old-2']);
    expect((await store.lookup(le.id, ['new-0'])).missing).toEqual(['new-0']);
  });

  it('applies two imports at once one after the other, each a whole version', async () => {
    const le = await createLegalEntity(db, { name: 'Concurrent' });
    const [a, b] = await Promise.all([
      applyImport(db, le.id, items('a', 300), 'import'),
      applyImport(db, le.id, items('b', 300), 'import'),
    ]);
    expect([a.version, b.version].sort()).toEqual([1, 2]);
    const last = a.version === 2 ? 'a' : 'b';
    const page = await store.page(le.id, { limit: 200 });
    expect(page).toMatchObject({ version: 2, total: 300 });
    expect(page.items.every((i) => i.id.startsWith(`${last}-`))).toBe(true);
    expect((a.version === 2 ? a : b).retired).toBe(300);
  });
});
