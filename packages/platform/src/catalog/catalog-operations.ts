import type { AdminCatalog, Catalog, CatalogImportResult } from '@planner/contract';
import { requireLegalEntity } from '../accounts/legal-entities.ts';
import { audit, type OperationContext } from '../operations/operation-context.ts';
import { type CatalogFormat, prepareImport } from './catalog-import.ts';
import { applyImport, type CatalogPageQuery, CatalogStore, seedItems } from './catalog-store.ts';

/**
 * Every change to a legal entity's catalog, for the admin API and the CLI alike, with one
 * audit line each. Nothing is cached by a running instance (each answer reads the current
 * version), so nothing is announced: the next request sees the new version.
 */
export class CatalogOperations {
  constructor(private readonly ctx: OperationContext) {}

  /**
   * Validates the whole file, then applies it as the next version, all or nothing. Throws
   * `CatalogImportError` (every problem by row and field) and changes nothing when any row is wrong.
   */
  async import(
    legalEntityId: string,
    input: { format: CatalogFormat; text: string } | { items: unknown },
  ): Promise<CatalogImportResult> {
    await requireLegalEntity(this.ctx.db, legalEntityId);
    const items = prepareImport(input);
    const applied = await applyImport(this.ctx.db, legalEntityId, items, 'import');
    audit(this.ctx, 'catalog.imported', { legal_entity: legalEntityId, ...applied });
    return { legal_entity_id: legalEntityId, ...applied };
  }

  /** Makes the seed catalog (migration 002) the legal entity's next version: the demo shop's. */
  async adoptSeed(legalEntityId: string): Promise<CatalogImportResult> {
    await requireLegalEntity(this.ctx.db, legalEntityId);
    const applied = await applyImport(this.ctx.db, legalEntityId, await seedItems(this.ctx.db), 'seed');
    audit(this.ctx, 'catalog.seeded', { legal_entity: legalEntityId, ...applied });
    return { legal_entity_id: legalEntityId, ...applied };
  }
}

/** A legal entity's catalog and its versions, newest first (admin API and CLI). */
export async function describeCatalog(
  ctx: Pick<OperationContext, 'db'>,
  legalEntityId: string,
): Promise<AdminCatalog> {
  await requireLegalEntity(ctx.db, legalEntityId);
  const store = new CatalogStore(ctx.db);
  const versions = await store.versions(legalEntityId);
  const head = versions[0];
  return {
    legal_entity_id: legalEntityId,
    version: head?.version ?? 0,
    items: head?.items ?? 0,
    currency: (await store.page(legalEntityId, { limit: 1 })).currency,
    versions: versions.map((v) => ({
      ...v,
      created_at: new Date(v.created_at).toISOString(),
    })),
  };
}

/** One page of a legal entity's catalog, as its planner sees it (admin API: the console's list). */
export async function catalogPage(
  ctx: Pick<OperationContext, 'db'>,
  legalEntityId: string,
  query: CatalogPageQuery,
): Promise<Catalog> {
  await requireLegalEntity(ctx.db, legalEntityId);
  return new CatalogStore(ctx.db).page(legalEntityId, query);
}
