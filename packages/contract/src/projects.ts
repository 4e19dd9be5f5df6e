import type { ROOM_UNITS } from './limits.ts';

/** A piece of furniture on the plan; bounds in `PROJECT_LIMITS`. */
export interface PlacedItem {
  id: string;
  catalog_id: string;
  /** Centre of the item, in centimetres from the room's top-left corner. */
  x: number;
  y: number;
  /** Degrees clockwise, [0, 360). */
  rotation: number;
}

export type RoomUnit = (typeof ROOM_UNITS)[number];

export interface Room {
  width_cm: number;
  depth_cm: number;
  unit: RoomUnit;
}

/** What `POST /v1/projects` and `PUT /v1/projects/{id}` take. */
export interface ProjectInput {
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
