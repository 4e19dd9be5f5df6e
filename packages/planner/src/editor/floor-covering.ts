import type { CatalogItem } from './design.ts';

/**
 * Floor coverings (rugs: 2 cm high or less) lie under furniture, so they never count as
 * overlapping anything; they are still flagged when they stick out of the room.
 * Apart from warnings.ts so that placing and drawing items do not load the warnings' code.
 */
export function isFloorCovering(item: CatalogItem | undefined): boolean {
  return item !== undefined && item.height_cm <= 2;
}
