import { z } from '@hono/zod-openapi';
import {
  CATALOG_LIMITS as C,
  PROJECT_LIMITS as L,
  PROJECT_FORMAT,
  ROOM_LIMITS as R,
  ROOM_UNITS,
  roomPolygonIssue,
} from '@planner/contract';
import { storableText } from './text.ts';

export const PlacedItem = z
  .object({
    id: storableText().min(1).max(L.itemIdMaxLength),
    catalog_id: storableText().min(1).max(L.catalogIdMaxLength),
    /** Centre of the item, in centimetres from the room's top-left corner. */
    x: z.number().finite().min(-L.coordinateLimitCm).max(L.coordinateLimitCm),
    y: z.number().finite().min(-L.coordinateLimitCm).max(L.coordinateLimitCm),
    /** Degrees clockwise, [0, 360). */
    rotation: z.number().finite().min(0).lt(360),
    variant: z
      .string()
      .max(C.skuMaxLength)
      .regex(new RegExp(C.skuPattern), 'a variant SKU')
      .optional()
      .openapi({
        example: 'dining-chair-black',
        description:
          "The SKU of the catalog item's variant (colour, material) the shopper chose; absent for the item as it comes. Allowed in every project format: projects without it read as before. Not checked against the catalog, so a variant an import left out is kept (the planner flags it).",
      }),
  })
  .strict()
  .openapi('PlacedItem');
export type PlacedItem = z.infer<typeof PlacedItem>;

const coordinate = z.number().finite().min(-L.coordinateLimitCm).max(L.coordinateLimitCm);

export const RoomPoint = z.object({ x: coordinate, y: coordinate }).strict().openapi('RoomPoint');

const openingFields = {
  id: storableText().min(1).max(R.openingIdMaxLength),
  wall: z
    .number()
    .int()
    .min(0)
    .max(R.maxCorners - 1)
    .openapi({
      description:
        'The wall it sits in: from corner `wall` to corner `wall + 1` (the last wall ends at corner 0).',
    }),
  offset_cm: z.number().finite().min(0).max(L.coordinateLimitCm).openapi({
    description: "Distance of the opening's centre from the wall's start corner.",
  }),
  width_cm: z.number().finite().min(R.openingMinWidthCm).max(R.openingMaxWidthCm),
  height_cm: z.number().finite().positive().max(R.heightMaxCm),
};

export const Door = z
  .object({
    ...openingFields,
    kind: z.literal('door'),
    hinge: z
      .enum(['start', 'end'])
      .openapi({ description: "The leaf turns at this end, seen from the wall's start." }),
    swing: z.enum(['in', 'out']).openapi({ description: 'Opens into the room, or away from it.' }),
  })
  .strict()
  .openapi('Door');

export const RoomWindow = z
  .object({
    ...openingFields,
    kind: z.literal('window'),
    sill_cm: z.number().finite().min(0).max(R.heightMaxCm),
  })
  .strict()
  .openapi('RoomWindow');

export const Opening = z.discriminatedUnion('kind', [Door, RoomWindow]).openapi('Opening');

export const Room = z
  .object({
    width_cm: z.number().int().min(L.roomMinCm).max(L.roomMaxCm),
    depth_cm: z.number().int().min(L.roomMinCm).max(L.roomMaxCm),
    unit: z.enum(ROOM_UNITS),
    corners: z
      .array(RoomPoint)
      .min(R.minCorners)
      .max(R.maxCorners)
      .optional()
      .openapi({
        description:
          "Format 2: the floor's corners in order, cm; the walls run between neighbours and must not cross. " +
          '`width_cm × depth_cm` is the box around them.',
      }),
    wall_thickness_cm: z.number().finite().min(R.wallThicknessMinCm).max(R.wallThicknessMaxCm).optional(),
    wall_height_cm: z
      .number()
      .finite()
      .min(R.wallHeightMinCm)
      .max(R.wallHeightMaxCm)
      .optional()
      .openapi({ description: 'Format 2, optional: how tall the walls are, cm (250 when absent).' }),
    openings: z
      .array(Opening)
      .max(R.maxOpenings)
      .optional()
      .openapi({ description: 'Format 2: doors and windows.' }),
  })
  .strict()
  .openapi('Room', {
    description:
      'Format 1: a rectangle `width_cm × depth_cm`. Format 2 adds `corners`, `wall_thickness_cm` and `openings` (and, optionally, `wall_height_cm`).',
  });
export type Room = z.infer<typeof Room>;

const projectFields = {
  format: z
    .number()
    .int()
    .min(1)
    .max(PROJECT_FORMAT)
    .optional()
    .openapi({
      description: `The project format: absent or 1 for a rectangular room, ${PROJECT_FORMAT} for a room of walls with doors and windows.`,
    }),
  name: storableText().trim().min(1).max(L.nameMaxLength),
  room: Room,
  items: z.array(PlacedItem).max(L.maxItems),
};

/**
 * What the field types cannot say: format 2 has its walls and openings, format 1 has none;
 * the corners make a simple polygon the size of `width_cm × depth_cm`; every opening fits
 * in its wall.
 */
function checkRoom(input: { format?: number | undefined; room: Room }, ctx: z.RefinementCtx): void {
  const { room } = input;
  const issue = (message: string, ...path: (string | number)[]) =>
    ctx.addIssue({ code: 'custom', message, path: ['room', ...path] });
  const v2 = (input.format ?? 1) >= 2;
  const parts = [room.corners, room.wall_thickness_cm, room.openings, room.wall_height_cm];
  if (!v2) {
    if (parts.some((p) => p !== undefined))
      issue('corners, wall_thickness_cm, wall_height_cm and openings need format 2');
    return;
  }
  const { corners, openings } = room;
  if (!corners || room.wall_thickness_cm === undefined || !openings) {
    issue('format 2 needs corners, wall_thickness_cm and openings');
    return;
  }
  const polygon = roomPolygonIssue(corners);
  if (polygon) issue(`the corners make no room (${polygon})`, 'corners');
  const xs = corners.map((c) => c.x);
  const ys = corners.map((c) => c.y);
  const w = Math.max(...xs) - Math.min(...xs);
  const d = Math.max(...ys) - Math.min(...ys);
  if (Math.abs(w - room.width_cm) > 1 || Math.abs(d - room.depth_cm) > 1)
    issue('width_cm and depth_cm are the size of the box around the corners');
  const ids = new Set<string>();
  openings.forEach((o, i) => {
    if (ids.has(o.id)) issue('opening ids are unique', 'openings', i, 'id');
    ids.add(o.id);
    const a = corners[o.wall];
    const b = corners[(o.wall + 1) % corners.length];
    if (!a || !b) {
      issue('no such wall', 'openings', i, 'wall');
      return;
    }
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    if (o.offset_cm - o.width_cm / 2 < -0.5 || o.offset_cm + o.width_cm / 2 > length + 0.5)
      issue('the opening does not fit in its wall', 'openings', i);
  });
}

export const ProjectInput = z.object(projectFields).strict().superRefine(checkRoom).openapi('ProjectInput');
export type ProjectInput = z.infer<typeof ProjectInput>;

export const Project = z
  .object(projectFields)
  .extend({
    id: z.string().uuid(),
    version: z.number().int().positive(),
    created_at: z.string().datetime(),
    updated_at: z.string().datetime(),
  })
  .openapi('Project');
export type Project = z.infer<typeof Project>;

export const ProjectSummary = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    version: z.number().int().positive(),
    item_count: z.number().int().nonnegative(),
    updated_at: z.string().datetime(),
  })
  .openapi('ProjectSummary');
export type ProjectSummary = z.infer<typeof ProjectSummary>;

export const ProjectList = z.object({ projects: z.array(ProjectSummary) }).openapi('ProjectList');
export type ProjectList = z.infer<typeof ProjectList>;
