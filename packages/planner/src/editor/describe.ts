import type { CatalogItem, PlacedItem } from './design.ts';
import type { Box } from './geometry.ts';
import { formatLength, type Unit } from './units.ts';
import type { ItemWarnings } from './warnings.ts';

export interface DescribeItemInput {
  item: PlacedItem;
  catalogItem: CatalogItem | undefined;
  /** The box around the item as placed (see `footprint`). */
  box: Box;
  warnings: ItemWarnings | undefined;
  /** Names other items by id, for "overlaps …". */
  nameOf: (id: string) => string;
  unit: Unit;
  locale?: string | undefined;
}

/** A piece's name; one whose item an import left out says so (it stays in the project). */
export function itemName(catalogItem: CatalogItem | undefined): string {
  if (!catalogItem) return 'Unknown item';
  return catalogItem.sold === false ? `${catalogItem.name} (no longer sold)` : catalogItem.name;
}

const angleFormats = new Map<string, Intl.NumberFormat>();

/** Degrees for people: `90°`, `12.5°`. */
export function formatAngle(degrees: number, locale?: string): string {
  // One formatter per locale: making one costs more than describing the rest of a piece
  // (most of a drag's frame with 1 000 pieces, each described on every move).
  const key = locale ?? '';
  let f = angleFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    angleFormats.set(key, f);
  }
  return `${f.format(degrees)}°`;
}

/** The warnings as one sentence, or '' when there are none. */
export function describeWarnings(
  warnings: ItemWarnings | undefined,
  nameOf: (id: string) => string,
  len: (cm: number) => string,
): string {
  if (!warnings) return '';
  const parts: string[] = [];
  if (warnings.overlaps.length > 0) parts.push(`overlaps ${listNames(warnings.overlaps.map(nameOf))}`);
  const out = warnings.outside;
  if (out)
    parts.push(
      out.fully
        ? `fully outside the room, ${len(out.by_cm)} away from it`
        : `partly outside the room, ${len(out.by_cm)} past the wall`,
    );
  if (warnings.doors.length > 0)
    parts.push(warnings.doors.length === 1 ? "in a door's swing" : 'in the swing of doors');
  return parts.join('; ');
}

function listNames(names: string[]): string {
  if (names.length <= 2) return names.join(' and ');
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
}

/**
 * What a screen reader says for a placed item: name, size, where it stands (distance of its
 * box from the left and top walls), rotation and warnings.
 */
export function describeItem(input: DescribeItemInput): string {
  const { item, catalogItem, box, unit, locale } = input;
  const len = (cm: number) => formatLength(cm, unit, locale);
  const size = catalogItem ? `, ${len(catalogItem.width_cm)} by ${len(catalogItem.depth_cm)}` : '';
  let text =
    `${itemName(catalogItem)}${size}, ${len(box.minX)} from the left wall, ${len(box.minY)} from the top wall` +
    `, rotated ${formatAngle(item.rotation, locale)}.`;
  const warning = describeWarnings(input.warnings, input.nameOf, len);
  if (warning) text += ` Warning: ${warning}.`;
  return text;
}
