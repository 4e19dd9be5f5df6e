import type { ROOM_UNITS } from './limits.ts';
import type { Opening, RoomPoint } from './room.ts';

/** A piece of furniture on the plan; bounds in `PROJECT_LIMITS`. */
export interface PlacedItem {
  id: string;
  catalog_id: string;
  /** Centre of the item, in centimetres from the room's top-left corner. */
  x: number;
  y: number;
  /** Degrees clockwise, [0, 360). */
  rotation: number;
  /**
   * The SKU of the variant (colour, material) the shopper chose, one of the catalog item's
   * `variants`; absent for the item as it comes. Optional in every project format, so
   * projects saved before read unchanged. A variant an import later left out stays here
   * (flagged, never dropped).
   */
  variant?: string;
}

export type RoomUnit = (typeof ROOM_UNITS)[number];

/**
 * Format 1 has only `width_cm`, `depth_cm` and `unit`. Format 2 adds the polygon, its walls'
 * thickness and the openings; `width_cm × depth_cm` is then the box around the corners, kept
 * so a reader of format 1 still sees the room's size.
 */
export interface Room {
  width_cm: number;
  depth_cm: number;
  unit: RoomUnit;
  /** Format 2: the floor's corners in order (clockwise on screen, y down), cm. */
  corners?: RoomPoint[];
  wall_thickness_cm?: number;
  /** Format 2, optional: how tall the walls are, cm (`ROOM_LIMITS.wallHeight*`); 250 when absent. */
  wall_height_cm?: number;
  openings?: Opening[];
}

/** What `POST /v1/projects` and `PUT /v1/projects/{id}` take. */
export interface ProjectInput {
  /** The project format (`PROJECT_FORMAT`); absent in format 1. */
  format?: number;
  name: string;
  room: Room;
  items: PlacedItem[];
}

export interface Project extends ProjectInput {
  id: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ProjectSummary {
  id: string;
  name: string;
  version: number;
  item_count: number;
  updated_at: string;
}

export interface ProjectList {
  projects: ProjectSummary[];
}
