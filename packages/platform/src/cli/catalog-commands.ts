import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { type AdminCatalog, CATALOG_LIMITS } from '@planner/contract';
import type { CatalogFormat } from '../catalog/catalog-import.ts';
import { CatalogOperations, describeCatalog } from '../catalog/catalog-operations.ts';
import { type Command, cliOperations, UsageError } from './command.ts';

// A legal entity's catalog: every import goes through `CatalogOperations`, as the admin API's.

const describe = (c: AdminCatalog) =>
  [
    `Catalog of ${c.legal_entity_id}: version ${c.version}, ${c.items} items${c.currency ? ` in ${c.currency}` : ''}`,
    ...c.versions.map(
      (v) =>
        `  v${v.version}  ${v.created_at}  ${v.source}: ${v.items} items (${v.added} added, ${v.updated} updated, ${v.retired} no longer sold)`,
    ),
  ].join('\n');

function formatOf(file: string, given: unknown): CatalogFormat {
  const format = given ?? extname(file).slice(1).toLowerCase();
  if (format !== 'json' && format !== 'csv') {
    throw new UsageError('--format json or csv (or a file ending in .json or .csv).');
  }
  return format;
}

export const catalogCommands: Command[] = [
  {
    name: 'catalog import',
    summary: "Import a legal entity's whole catalog from JSON or CSV, as its next version (all or nothing)",
    usage: 'catalog import <legal-entity-id> <file> [--format json|csv]',
    details: [
      'JSON: { "items": [ { "sku", "name", "category", "width_cm", "depth_cm", "height_cm", "price_cents", "currency", ... } ] }.',
      'CSV: a header line naming the columns sku, name, category, description, width_cm, depth_cm, height_cm,',
      'price_cents, currency, image_url, symbol_svg; a row with variant_of (and variant_kind, variant_name,',
      'price_cents, colour) is a variant of the item with that SKU.',
      'Any problem refuses the whole file: each is listed by row (a CSV line, a JSON item from 1) and field.',
      'Items the current version has and the file leaves out are no longer sold; saved projects still find them.',
    ].join('\n'),
    positionals: ['legal-entity-id', 'file'],
    options: { format: { type: 'string' } },
    async run(ctx, { values, positionals: [id, file] }) {
      const format = formatOf(file!, values.format);
      const size = await stat(file!).then(
        (s) => s.size,
        () => {
          throw new UsageError(`Cannot read ${file}.`);
        },
      );
      if (size > CATALOG_LIMITS.importMaxBytes)
        throw new UsageError(`${file} exceeds ${CATALOG_LIMITS.importMaxBytes} bytes.`);
      const text = await readFile(file!, 'utf8');
      const result = await new CatalogOperations(await cliOperations(ctx)).import(id!, { format, text });
      return {
        json: result,
        text: `Imported version ${result.version} of ${id}: ${result.items} items (${result.added} added, ${result.updated} updated, ${result.retired} no longer sold).`,
      };
    },
  },
  {
    name: 'catalog show',
    summary: "Show a legal entity's catalog version and its imports",
    usage: 'catalog show <legal-entity-id>',
    positionals: ['legal-entity-id'],
    async run(ctx, { positionals: [id] }) {
      const catalog = await describeCatalog(await ctx.open(), id!);
      return { json: catalog, text: describe(catalog) };
    },
  },
];
