import { z } from '@hono/zod-openapi';
import { TOKEN_KINDS } from './tokens.ts';

export const Identity = z
  .object({
    kind: z.enum(TOKEN_KINDS),
    scope: z.string(),
    legal_entity: z.object({ id: z.string(), name: z.string() }),
    user: z.object({ id: z.string() }).nullable().openapi({ description: "The host's id for the user." }),
    expires_at: z.string().datetime(),
  })
  .openapi('Identity');
export type Identity = z.infer<typeof Identity>;
