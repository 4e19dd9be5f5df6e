import { z } from '@hono/zod-openapi';
import {
  type CatalogImportProblem,
  type CatalogVariant,
  type CatalogImportItem as ImportItem,
  CATALOG_LIMITS as L,
} from '@planner/contract';
import { CsvError, parse } from 'csv-parse/sync';
import { PlatformError } from '../errors.ts';
import { CatalogImportItem } from '../schemas/catalog.ts';
import { generatedSymbol } from './generated-symbol.ts';
import { SvgRejected, sanitizeSvg } from './svg-sanitizer.ts';

/**
 * An import, checked whole before anything is written: the file is parsed (JSON or CSV),
 * every row validated against the same schema the admin API documents, then the checks that
 * span rows (unique SKUs, one currency) and the symbols sanitized. Every problem is kept, by
 * row and field, so a retailer fixes the file in one go.
 */

export type CatalogFormat = 'json' | 'csv';

/** An item ready to store: symbol sanitized or drawn, text to search built. */
export interface PreparedItem {
  sku: string;
  category: string;
  name: string;
  description: string;
  width_cm: number;
  depth_cm: number;
  height_cm: number;
  price_cents: number;
  currency: string;
  image_url: string | null;
  symbol_svg: string;
  variants: CatalogVariant[];
  sort_order: number;
  search_text: string;
}

/** `catalog_invalid`: the import was refused whole, for these reasons. */
export class CatalogImportError extends PlatformError {
  constructor(
    readonly problems: CatalogImportProblem[],
    readonly total = problems.length,
  ) {
    super(
      'catalog_invalid',
      `The catalog was not imported: ${total} problem${total === 1 ? '' : 's'} (nothing was changed).`,
    );
    problems.sort((a, b) => a.row - b.row);
  }
}

/** The import's outer shape (`CatalogImportInput` but for the items, checked one by one). */
const ImportList = z.object({ items: z.array(z.unknown()).min(1).max(L.maxItems) }).strict();

/** The CSV columns. A row with `variant_of` is a variant of the item with that SKU. */
export const CSV_COLUMNS = [
  'sku',
  'name',
  'category',
  'description',
  'width_cm',
  'depth_cm',
  'height_cm',
  'price_cents',
  'currency',
  'image_url',
  'symbol_svg',
  'variant_of',
  'variant_kind',
  'variant_name',
  'colour',
] as const;
const ITEM_COLUMNS = [
  'sku',
  'name',
  'category',
  'width_cm',
  'depth_cm',
  'height_cm',
  'price_cents',
  'currency',
];
const NUMERIC = new Set(['width_cm', 'depth_cm', 'height_cm', 'price_cents']);
/** A variant's field → the CSV column it came from. */
const VARIANT_COLUMN: Record<string, string> = {
  sku: 'sku',
  kind: 'variant_kind',
  name: 'variant_name',
  price_cents: 'price_cents',
  colour: 'colour',
};

/** Where each item (and each of its variants) came from, to report problems by row. */
interface Origin {
  row: (item: number, variant?: number) => number;
  field: (path: (string | number)[]) => string;
}

const jsonOrigin: Origin = {
  row: (item) => item + 1,
  field: (path) =>
    path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
      .join('')
      .replace(/^\./, ''),
};

/** Parses and validates a whole import; throws {@link CatalogImportError} listing every problem. */
export function prepareImport(
  input: { format: CatalogFormat; text: string } | { items: unknown },
): PreparedItem[] {
  if ('items' in input) return validate({ items: input.items }, jsonOrigin);
  if (input.format === 'csv') {
    const { items, origin } = fromCsv(input.text);
    return validate({ items }, origin);
  }
  let value: unknown;
  try {
    value = JSON.parse(input.text);
  } catch (error) {
    throw new CatalogImportError([{ row: 0, field: '', message: `not JSON: ${(error as Error).message}` }]);
  }
  return validate(value, jsonOrigin);
}

function validate(value: unknown, origin: Origin): PreparedItem[] {
  const problems: CatalogImportProblem[] = [];
  // The list first (present, 1 to maxItems), then each row on its own: a bad row does not
  // hide the problems of the rows after it, nor the checks across rows among the good ones.
  const list = ImportList.safeParse(value);
  if (!list.success) {
    throw new CatalogImportError(problemsFrom(list.error.issues, origin).slice(0, L.maxReportedProblems));
  }
  const raw = list.data.items;
  const items: ImportItem[] = [];
  const rows: number[] = [];
  const seen = new Map<string, number>();
  const claim = (sku: unknown, row: number, field: string) => {
    if (typeof sku !== 'string') return;
    const first = seen.get(sku);
    if (first === undefined) seen.set(sku, row);
    else problems.push({ row, field, message: `SKU ${sku} is already used on row ${first}` });
  };
  raw.forEach((entry, i) => {
    // SKUs are claimed from the row as sent, valid or not: a variant with a bad price does
    // not hide that its sibling repeats a SKU.
    const { sku, variants } = (entry ?? {}) as { sku?: unknown; variants?: unknown };
    claim(sku, origin.row(i), 'sku');
    if (Array.isArray(variants)) {
      for (const [j, v] of variants.entries()) {
        claim((v as { sku?: unknown } | null)?.sku, origin.row(i, j), origin.field(['variants', j, 'sku']));
      }
    }
    const parsed = CatalogImportItem.safeParse(entry);
    if (parsed.success) {
      items.push(parsed.data);
      rows.push(i);
    } else {
      problems.push(
        ...problemsFrom(
          parsed.error.issues.map((issue) => ({ ...issue, path: ['items', i, ...issue.path] })),
          origin,
        ),
      );
    }
  });
  const currency = items[0]?.currency;
  const prepared = items.map((item, k): PreparedItem => {
    const i = rows[k]!;
    const row = origin.row(i);
    if (item.currency !== currency) {
      problems.push({
        row,
        field: 'currency',
        message: `one currency per catalog: ${currency} (row ${origin.row(rows[0]!)})`,
      });
    }
    let symbol: string;
    try {
      symbol = item.symbol_svg ? sanitizeSvg(item.symbol_svg) : generatedSymbol(item);
    } catch (error) {
      if (!(error instanceof SvgRejected)) throw error;
      problems.push({ row, field: 'symbol_svg', message: error.message });
      symbol = '';
    }
    const variants = (item.variants ?? []).map((v) => ({ ...v, colour: v.colour?.toLowerCase() ?? null }));
    return {
      sku: item.sku,
      category: item.category,
      name: item.name,
      description: item.description ?? '',
      width_cm: item.width_cm,
      depth_cm: item.depth_cm,
      height_cm: item.height_cm,
      price_cents: item.price_cents,
      currency: item.currency,
      image_url: item.image_url ?? null,
      symbol_svg: symbol,
      variants,
      sort_order: (k + 1) * 10,
      search_text: [
        item.sku,
        item.name,
        item.category,
        item.description ?? '',
        ...variants.map((v) => v.name),
      ].join(' '),
    };
  });
  if (problems.length)
    throw new CatalogImportError(problems.slice(0, L.maxReportedProblems), problems.length);
  return prepared;
}

/** Schema problems of a JSON import, by item position (the admin API's hook). */
export const importProblems = (issues: z.core.$ZodIssue[]): CatalogImportProblem[] =>
  problemsFrom(issues, jsonOrigin).slice(0, L.maxReportedProblems);

function problemsFrom(issues: z.core.$ZodIssue[], origin: Origin): CatalogImportProblem[] {
  return issues.map((issue) => {
    const [top, index, ...rest] = issue.path as (string | number)[];
    if (top !== 'items' || typeof index !== 'number') {
      return { row: 0, field: issue.path.join('.') || '', message: issue.message };
    }
    if (rest[0] === 'variants' && typeof rest[1] === 'number') {
      return { row: origin.row(index, rest[1]), field: origin.field(rest), message: issue.message };
    }
    return { row: origin.row(index), field: origin.field(rest), message: issue.message };
  });
}

/** CSV rows as import items; variant rows join the item they name. */
function fromCsv(text: string): { items: unknown[]; origin: Origin } {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      bom: true,
      info: true,
      skip_empty_lines: true,
      trim: false,
      max_record_size: L.symbolMaxBytes * 2,
    });
  } catch (error) {
    if (error instanceof CsvError) {
      throw new CatalogImportError([
        { row: (error as CsvError & { lines?: number }).lines ?? 0, field: '', message: error.message },
      ]);
    }
    throw error;
  }
  const header = records.length ? Object.keys(records[0]!.record) : [];
  const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
  const missing = ITEM_COLUMNS.filter((c) => !header.includes(c));
  if (!records.length || unknown.length || missing.length) {
    throw new CatalogImportError([
      ...(records.length
        ? []
        : [{ row: 1, field: '', message: 'a header line and at least one item are needed' }]),
      ...unknown.map((c) => ({
        row: 1,
        field: c,
        message: `unknown column (known: ${CSV_COLUMNS.join(', ')})`,
      })),
      ...missing.map((c) => ({ row: 1, field: c, message: 'required column missing' })),
    ]);
  }

  const items: Record<string, unknown>[] = [];
  const itemLines: number[] = [];
  const variantLines: number[][] = [];
  const bySku = new Map<string, number>();
  const problems: CatalogImportProblem[] = [];
  for (const { record, info } of records) {
    const cell = (c: string) => {
      const v = record[c]?.trim() ?? '';
      if (v === '') return undefined;
      return NUMERIC.has(c) && /^\d+$/.test(v) ? Number(v) : v;
    };
    const parent = cell('variant_of');
    if (parent !== undefined) {
      const index = bySku.get(String(parent));
      if (index === undefined) {
        problems.push({ row: info.lines, field: 'variant_of', message: `no item ${parent} above this row` });
        continue;
      }
      const item = items[index]!;
      item.variants ??= [];
      const variants = item.variants as unknown[];
      variants.push(
        dropUndefined({
          sku: cell('sku'),
          kind: cell('variant_kind'),
          name: cell('variant_name'),
          price_cents: cell('price_cents') ?? item.price_cents,
          colour: cell('colour'),
        }),
      );
      variantLines[index]!.push(info.lines);
      continue;
    }
    const item = dropUndefined(
      Object.fromEntries(
        ITEM_COLUMNS.concat('description', 'image_url', 'symbol_svg').map((c) => [c, cell(c)]),
      ),
    );
    for (const c of ['variant_kind', 'variant_name', 'colour']) {
      if (cell(c) !== undefined)
        problems.push({ row: info.lines, field: c, message: 'only on a variant row (with variant_of)' });
    }
    bySku.set(String(item.sku), items.length);
    items.push(item);
    itemLines.push(info.lines);
    variantLines.push([]);
  }
  if (problems.length)
    throw new CatalogImportError(problems.slice(0, L.maxReportedProblems), problems.length);
  return {
    items,
    origin: {
      row: (item, variant) => (variant === undefined ? itemLines[item] : variantLines[item]?.[variant]) ?? 0,
      field: (path) =>
        path[0] === 'variants' && typeof path[1] === 'number'
          ? (VARIANT_COLUMN[String(path[2])] ?? String(path[2] ?? 'variant_of'))
          : path.join('.'),
    },
  };
}

const dropUndefined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
