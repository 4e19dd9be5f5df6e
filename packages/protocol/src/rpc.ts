/**
 * What flows over the two `MessagePort`s of the `Connect` message. Types only: the host SDK
 * validates what it receives, and the planner implements `PlannerApi` over comlink's wire format.
 *
 * - `rpc` port: the planner answers comlink's wire format on it (its methods only, see the
 *   api-client's `expose-methods.ts`); the host `Comlink.wrap`s it.
 * - `events` port: the planner posts one `PlannerEvent` per `postMessage`, starting with
 *   `ready` once it has exposed its API.
 */
import type { TokenExpiredReason, TokenKind } from './messages.ts';

/** A piece of furniture placed in the room (the platform's `PlacedItem`). */
export interface PlacedItem {
  id: string;
  catalog_id: string;
  /** Centre of the item, in centimetres from the room's top-left corner. */
  x: number;
  y: number;
  /** Degrees clockwise, [0, 360). */
  rotation: number;
}

export interface Room {
  width_cm: number;
  depth_cm: number;
  /** The unit the planner shows lengths in (`ft`: feet and inches); sizes are always stored in centimetres. */
  unit: 'cm' | 'm' | 'ft';
  /** The floor's corners, cm (a rectangle has four); see the contract's `Room` for the walls and openings. */
  corners?: { x: number; y: number }[];
}

/** The project open in the planner, as it is now (saved or not). */
export interface ProjectSnapshot {
  /** `null` until the project has been saved once. */
  id: string | null;
  name: string;
  room: Room;
  items: PlacedItem[];
}

/** A project as the platform confirmed it. */
export interface SavedProject {
  id: string;
  name: string;
  version: number;
}

/** Host → planner calls over the `rpc` port. A failed call rejects with the planner's error. */
export interface PlannerApi {
  /** Opens a saved project of the logged-in user; resolves with it once loaded. */
  openProject(id: string): Promise<ProjectSnapshot>;
  /** Replaces the open project with an empty one (unsaved). */
  newProject(): Promise<ProjectSnapshot>;
  /** The open project, as it is now. */
  getProject(): Promise<ProjectSnapshot>;
  /** Saves the open project; needs a user token with write scope (else `LoginRequired`). */
  saveProject(): Promise<SavedProject>;
  /**
   * Places one piece of the catalog (by its catalog id) in the room, at the free spot nearest
   * its centre, as "Add to room" does ("Plan it in your room" on a shop's product page).
   * Waits for the catalog; rejects when it has no such item. Resolves with the project.
   */
  addItem(catalogId: string): Promise<ProjectSnapshot>;
}

/** Planner → host over the `events` port: the payload of each event, by name. */
export interface PlannerEventMap {
  /** The planner has the ports and has exposed its API. Sent first. */
  ready: Record<never, never>;
  /** Mirrors the `TokenExpired` message (which the planner still posts: it drives the refresh). */
  tokenExpired: { reason: TokenExpiredReason; kind?: TokenKind };
  /** Mirrors the `LoginRequired` message. */
  loginRequired: { reason: string };
  projectSaved: SavedProject;
  /** Mirrors `Error` messages, plus the planner's own codes (such as `save_failed`). */
  error: { code: string; message: string };
  /** The planner's content height in CSS pixels, for auto-resizing the iframe. */
  resize: { height: number };
}

export type PlannerEventName = keyof PlannerEventMap;

/** One message on the `events` port: `{ type: 'resize', height: 640 }`. */
export type PlannerEvent = { [K in PlannerEventName]: { type: K } & PlannerEventMap[K] }[PlannerEventName];
