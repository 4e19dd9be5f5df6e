import { msg, str } from '@lit/localize';
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

/*
 * What a screen reader hears, in the planner's language (`msg()`, issue 12). The 3D view must
 * not import this module: Rolldown then splits Lit and @lit/localize out of the first-paint
 * script (`pnpm size` fails). It names pieces with view3d/item-label.ts, in the same words.
 */

/** A piece's name; one whose item an import left out says so (it stays in the project). */
export function itemName(catalogItem: CatalogItem | undefined): string {
  if (!catalogItem) return msg('Unknown item');
  const name = catalogItem.name;
  return catalogItem.sold === false ? msg(str`${name} (no longer sold)`) : name;
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
  if (warnings.overlaps.length > 0) {
    const names = listNames(warnings.overlaps.map(nameOf));
    parts.push(msg(str`overlaps ${names}`));
  }
  const out = warnings.outside;
  if (out) {
    const by = len(out.by_cm);
    parts.push(
      out.fully
        ? msg(str`fully outside the room, ${by} away from it`)
        : msg(str`partly outside the room, ${by} past the wall`),
    );
  }
  if (warnings.doors.length > 0)
    parts.push(warnings.doors.length === 1 ? msg("in a door's swing") : msg('in the swing of doors'));
  return parts.join('; ');
}

function listNames(names: string[]): string {
  const [first = '', second = ''] = names;
  if (names.length === 1) return first;
  if (names.length === 2) return msg(str`${first} and ${second}`);
  const more = names.length - 2;
  return msg(str`${first}, ${second} and ${more} more`);
}

/**
 * What a screen reader says for a placed item: name, size, where it stands (distance of its
 * box from the left and top walls), rotation and warnings.
 */
export function describeItem(input: DescribeItemInput): string {
  const { item, catalogItem, box, unit, locale } = input;
  const len = (cm: number) => formatLength(cm, unit, locale);
  const name = itemName(catalogItem);
  const left = len(box.minX);
  const top = len(box.minY);
  const angle = formatAngle(item.rotation, locale);
  let text: string;
  if (catalogItem) {
    const width = len(catalogItem.width_cm);
    const depth = len(catalogItem.depth_cm);
    text = msg(
      str`${name}, ${width} by ${depth}, ${left} from the left wall, ${top} from the top wall, rotated ${angle}.`,
    );
  } else text = msg(str`${name}, ${left} from the left wall, ${top} from the top wall, rotated ${angle}.`);
  const warning = describeWarnings(input.warnings, input.nameOf, len);
  if (warning) text += ` ${msg(str`Warning: ${warning}.`)}`;
  return text;
}
