import { type Catalog, type CatalogItem, type PlacedItem, PROJECT_LIMITS } from '@planner/contract';
import { type PlanRoom, rectangleCorners, roomOf, upgradeRoom } from '../room/format.ts';

/** The room as the planner edits it: format 2, walls and openings always present. */
export type Room = PlanRoom;
export type { Catalog, CatalogItem, PlacedItem };

/**
 * What the user designs: a room and the furniture in it. Immutable: every edit makes a new
 * `Design` (sharing unchanged items), so history keeps snapshots cheaply and a component can
 * compare by identity.
 */
export interface Design {
  readonly room: Room;
  readonly items: readonly PlacedItem[];
}

/** The platform's limits, from the contract (the platform's schemas are built from the same values). */
export const ROOM_MIN_CM = PROJECT_LIMITS.roomMinCm;
export const ROOM_MAX_CM = PROJECT_LIMITS.roomMaxCm;
export const MAX_ITEMS = PROJECT_LIMITS.maxItems;
/** Item centres stay inside this range (the platform refuses anything beyond it). */
export const COORD_LIMIT_CM = PROJECT_LIMITS.coordinateLimitCm;

export const DEFAULT_ROOM: Room = roomOf(rectangleCorners(500, 400), 'm');

let newRoomUnit: Room['unit'] = 'm';
/** The unit of the rooms started from now on: the host's locale's (`unitForLocale`). */
export function setNewRoomUnit(unit: Room['unit']): void {
  newRoomUnit = unit;
}

export function emptyDesign(
  room: Room = newRoomUnit === DEFAULT_ROOM.unit ? DEFAULT_ROOM : { ...DEFAULT_ROOM, unit: newRoomUnit },
): Design {
  return { room, items: [] };
}

/** Catalog items by id. */
export type CatalogIndex = ReadonlyMap<string, CatalogItem>;

export function indexCatalog(catalog: Catalog | null | undefined): CatalogIndex {
  return new Map((catalog?.items ?? []).map((item) => [item.id, item]));
}

/** Degrees clockwise in [0, 360), to a hundredth of a degree (the platform refuses 360). */
export function normalizeRotation(degrees: number): number {
  if (!Number.isFinite(degrees)) return 0;
  const r = Math.round((((degrees % 360) + 360) % 360) * 100) / 100;
  return r >= 360 ? 0 : r;
}

/** A room size in whole centimetres within the platform's limits. */
export function clampRoomSize(cm: number): number {
  if (!Number.isFinite(cm)) return ROOM_MIN_CM;
  return Math.min(ROOM_MAX_CM, Math.max(ROOM_MIN_CM, Math.round(cm)));
}

/** A coordinate rounded to a tenth of a centimetre and kept within the platform's range. */
export function clampCoord(cm: number): number {
  if (!Number.isFinite(cm)) return 0;
  return Math.min(COORD_LIMIT_CM, Math.max(-COORD_LIMIT_CM, Math.round(cm * 10) / 10));
}

/**
 * Accepts only a well-formed design (from a draft or the platform, of any project format)
 * and drops what the platform would refuse; returns null when there is nothing usable. A
 * format 1 room (a rectangle) becomes four walls (`upgradeRoom`).
 */
export function sanitizeDesign(value: unknown): Design | null {
  if (typeof value !== 'object' || value === null) return null;
  const { room: rawRoom, items } = value as { room?: unknown; items?: unknown };
  const room = upgradeRoom(rawRoom);
  if (!room || !Array.isArray(items)) return null;
  const clean: PlacedItem[] = [];
  const seen = new Set<string>();
  for (const raw of items) {
    if (clean.length >= MAX_ITEMS) break;
    if (typeof raw !== 'object' || raw === null) continue;
    const i = raw as Record<string, unknown>;
    if (typeof i.id !== 'string' || !i.id || i.id.length > PROJECT_LIMITS.itemIdMaxLength || seen.has(i.id))
      continue;
    if (
      typeof i.catalog_id !== 'string' ||
      !i.catalog_id ||
      i.catalog_id.length > PROJECT_LIMITS.catalogIdMaxLength
    )
      continue;
    if (typeof i.x !== 'number' || typeof i.y !== 'number' || typeof i.rotation !== 'number') continue;
    if (![i.x, i.y, i.rotation].every(Number.isFinite)) continue;
    seen.add(i.id);
    clean.push({
      id: i.id,
      catalog_id: i.catalog_id,
      x: clampCoord(i.x),
      y: clampCoord(i.y),
      rotation: normalizeRotation(i.rotation),
      // A variant's SKU (as long as a catalog id at most). Its characters are not checked
      // here, as `catalog_id`'s are not: it came from the platform or from this planner.
      ...(typeof i.variant === 'string' &&
        i.variant.length <= PROJECT_LIMITS.catalogIdMaxLength && { variant: i.variant }),
    });
  }
  return { room, items: clean };
}
