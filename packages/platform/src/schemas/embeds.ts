import { z } from '@hono/zod-openapi';

export const Embed = z
  .object({
    legal_entity_id: z.string().uuid(),
    origins: z.array(z.string()).openapi({
      description:
        "The legal entity's registered embed origins: the only pages that may frame the planner for it (its `frame-ancestors`).",
      example: ['https://shop.example'],
    }),
  })
  .openapi('Embed');
export type Embed = z.infer<typeof Embed>;

export const OriginInput = z
  .object({ origin: z.string().max(2048).openapi({ example: 'https://shop.example' }) })
  .strict()
  .openapi('OriginInput');
