import { z } from '@hono/zod-openapi';
import { storableText } from './text.ts';

const MAX_ITEMS = 500;

export const PlacedItem = z
  .object({
    id: storableText().min(1).max(64),
    catalog_id: storableText().min(1).max(64),
    /** Centre of the item, in centimetres from the room's top-left corner. */
    x: z.number().finite().min(-100_000).max(100_000),
    y: z.number().finite().min(-100_000).max(100_000),
    /** Degrees clockwise, [0, 360). */
    rotation: z.number().finite().min(0).lt(360),
  })
  .strict()
  .openapi('PlacedItem');
export type PlacedItem = z.infer<typeof PlacedItem>;

export const Room = z
  .object({
    width_cm: z.number().int().min(50).max(5000),
    depth_cm: z.number().int().min(50).max(5000),
    unit: z.enum(['cm', 'm']),
  })
  .strict()
  .openapi('Room');
export type Room = z.infer<typeof Room>;

export const ProjectInput = z
  .object({
    name: storableText().trim().min(1).max(120),
    room: Room,
    items: z.array(PlacedItem).max(MAX_ITEMS),
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
