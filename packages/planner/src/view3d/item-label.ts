import { msg, str } from '@lit/localize';
import type { CatalogItem } from '../editor/design.ts';

/**
 * A piece's name in the 3D view, as `itemName` (editor/describe.ts) says it, in the same
 * words (one message each, translated once). The 3D chunk cannot import that module: with its
 * `msg()` shared by the first paint and the 3D chunk, Rolldown splits Lit and @lit/localize
 * out of the first-paint script, which `pnpm size` refuses.
 */
export function itemLabel(catalogItem: CatalogItem | undefined): string {
  if (!catalogItem) return msg('Unknown item');
  const name = catalogItem.name;
  return catalogItem.sold === false ? msg(str`${name} (no longer sold)`) : name;
}
