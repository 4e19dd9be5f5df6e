import { z } from '@hono/zod-openapi';
import { PROJECT_LIMITS as L, ROOM_UNITS } from '@planner/contract';
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
  })
  .strict()
  .openapi('PlacedItem');
export type PlacedItem = z.infer<typeof PlacedItem>;

export const Room = z
  .object({
    width_cm: z.number().int().min(L.roomMinCm).max(L.roomMaxCm),
    depth_cm: z.number().int().min(L.roomMinCm).max(L.roomMaxCm),
    unit: z.enum(ROOM_UNITS),
  })
  .strict()
  .openapi('Room');
export type Room = z.infer<typeof Room>;

export const ProjectInput = z
  .object({
    name: storableText().trim().min(1).max(L.nameMaxLength),
    room: Room,
    items: z.array(PlacedItem).max(L.maxItems),
  })
  .strict()
  .openapi('ProjectInput');
export type ProjectInput = z.infer<typeof ProjectInput>;

export const Project = ProjectInput.extend({
  id: z.string().uuid(),
  version: z.number().int().positive(),
  created_at: z.string().datetime(),
  updated_at: z.string().datetime(),
}).openapi('Project');
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
