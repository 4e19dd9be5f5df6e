import { z } from '@hono/zod-openapi';
import { PRINCIPAL_KINDS } from '@planner/contract';

export const Identity = z
  .object({
    kind: z.enum(PRINCIPAL_KINDS).openapi({
      description: "Planner tokens (legal_entity, user), a back-end's tokens (backend), OAuth (oauth).",
    }),
    scope: z.string(),
    legal_entity: z.object({ id: z.string(), name: z.string() }),
    user: z.object({ id: z.string() }).nullable().openapi({ description: "The host's id for the user." }),
    expires_at: z.string().datetime().nullable().openapi({ description: 'Null for a static token.' }),
  })
  .openapi('Identity');
export type Identity = z.infer<typeof Identity>;
