/**
 * The platform's limits. The platform's schemas are built from these and the planner clamps
 * to them, so the two cannot disagree about what a request may contain.
 */

/** A project (`ProjectInput`) and what it holds. */
export const PROJECT_LIMITS = {
  nameMaxLength: 120,
  maxItems: 1000,
  itemIdMaxLength: 64,
  catalogIdMaxLength: 64,
  roomMinCm: 50,
  roomMaxCm: 5000,
  /** Item centres lie within ± this many centimetres of the room's top-left corner. */
  coordinateLimitCm: 100_000,
} as const;

/** How a room's sizes are shown (`ft`: feet and inches, areas in ft²; format 2). */
export const ROOM_UNITS = ['cm', 'm', 'ft'] as const;

/** `POST /v1/tokens`. */
export const TOKEN_REQUEST_LIMITS = {
  hostUserIdMaxLength: 128,
  clientAssertionMaxLength: 4096,
} as const;

/** A host's own id for its user: opaque to us, but bounded and printable. */
export const HOST_USER_ID_PATTERN = /^[A-Za-z0-9._@:+-]+$/;

/** A back-end's message to its users. */
export const MESSAGE_LIMITS = { subjectMaxLength: 200, bodyMaxLength: 10_000 } as const;

/** The admin API's inputs. */
export const ADMIN_LIMITS = {
  nameMaxLength: 200,
  labelMaxLength: 200,
  accessKeyMaxLength: 200,
  maxServices: 20,
  lifetimeMinSeconds: 60,
  lifetimeMaxSeconds: 86_400,
  overlapMaxSeconds: 86_400,
} as const;

/** A back-end profile's standard token lives this long (seconds); it cannot be deactivated. */
export const BACKEND_TOKEN_LIFETIME_SECONDS = 3600;

/**
 * The days a report may name. PostgreSQL has no year 0 (`0000-…` is refused), and usage
 * predates neither the platform nor the Unix epoch; four-digit years end at 9999.
 */
export const FIRST_DAY = '1970-01-01';
export const LAST_DAY = '9999-12-31';
