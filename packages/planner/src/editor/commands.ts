import {
  type CatalogIndex,
  clampCoord,
  type Design,
  MAX_ITEMS,
  normalizeRotation,
  type PlacedItem,
  type Room,
} from './design.ts';
import { footprint } from './footprint.ts';
import { newItemId } from './ids.ts';

/**
 * Pure edits: each takes a design and returns the next one, or the same object when nothing
 * changes (so callers can skip a history entry). None of them knows about history or UI.
 */

export function addItem(
  design: Design,
  catalogId: string,
  at: { x: number; y: number; rotation?: number },
  id: string = newItemId(),
): Design {
  if (design.items.length >= MAX_ITEMS) return design;
  const item: PlacedItem = {
    id,
    catalog_id: catalogId,
    x: clampCoord(at.x),
    y: clampCoord(at.y),
    rotation: normalizeRotation(at.rotation ?? 0),
  };
  return { ...design, items: [...design.items, item] };
}

export function updateItem(design: Design, id: string, patch: Partial<Omit<PlacedItem, 'id'>>): Design {
  const index = design.items.findIndex((i) => i.id === id);
  if (index < 0) return design;
  const old = design.items[index]!;
  const next: PlacedItem = {
    ...old,
    ...patch,
    x: clampCoord(patch.x ?? old.x),
    y: clampCoord(patch.y ?? old.y),
    rotation: normalizeRotation(patch.rotation ?? old.rotation),
  };
  if (
    next.x === old.x &&
    next.y === old.y &&
    next.rotation === old.rotation &&
    next.catalog_id === old.catalog_id
  ) {
    return design;
  }
  const items = design.items.slice();
  items[index] = next;
  return { ...design, items };
}

export function moveItem(design: Design, id: string, x: number, y: number): Design {
  return updateItem(design, id, { x, y });
}

export function moveItemBy(design: Design, id: string, dx: number, dy: number): Design {
  const item = design.items.find((i) => i.id === id);
  return item ? updateItem(design, id, { x: item.x + dx, y: item.y + dy }) : design;
}

export function rotateItem(design: Design, id: string, rotation: number): Design {
  return updateItem(design, id, { rotation });
}

export function rotateItemBy(design: Design, id: string, degrees: number): Design {
  const item = design.items.find((i) => i.id === id);
  return item ? updateItem(design, id, { rotation: item.rotation + degrees }) : design;
}

export function removeItem(design: Design, id: string): Design {
  const items = design.items.filter((i) => i.id !== id);
  return items.length === design.items.length ? design : { ...design, items };
}

/**
 * A copy of an item, offset so it does not hide the original: beside it (right) when that
 * stays in the room, else below, else on top with a small offset.
 */
export function duplicateItem(
  design: Design,
  id: string,
  catalog: CatalogIndex,
  newId: string = newItemId(),
): Design {
  const item = design.items.find((i) => i.id === id);
  if (!item || design.items.length >= MAX_ITEMS) return design;
  const { box } = footprint(item, catalog);
  const w = box.maxX - box.minX;
  const h = box.maxY - box.minY;
  let x = item.x + w;
  let y = item.y;
  if (box.maxX + w > design.room.width_cm) {
    x = item.x;
    y = item.y + h;
    if (box.maxY + h > design.room.depth_cm) {
      x = item.x + 20;
      y = item.y + 20;
    }
  }
  const copy: PlacedItem = { ...item, id: newId, x: clampCoord(x), y: clampCoord(y) };
  const index = design.items.indexOf(item);
  const items = design.items.slice();
  items.splice(index + 1, 0, copy);
  return { ...design, items };
}

/** Applies a room edit (see room/edit.ts); throws its `RoomEditError` when the edit makes no room. */
export function editRoom(design: Design, edit: (room: Room) => Room): Design {
  const room = edit(design.room);
  return room === design.room ? design : { ...design, room };
}
