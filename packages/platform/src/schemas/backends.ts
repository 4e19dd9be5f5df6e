import { z } from '@hono/zod-openapi';
import { ADMIN_LIMITS, BACKEND_TOKEN_LIFETIME_SECONDS } from '@planner/contract';
import { storableText } from './text.ts';

export { BACKEND_SERVICES, type BackendService } from '@planner/contract';

/** `POST /v1/backend/tokens`: a back-end asks for a standard token with its access key. */
export const BackendTokenRequest = z
  .object({
    access_key: storableText().min(1).max(ADMIN_LIMITS.accessKeyMaxLength).openapi({ example: 'ak_…' }),
  })
  .strict()
  .openapi('BackendTokenRequest');
export type BackendTokenRequest = z.infer<typeof BackendTokenRequest>;

export const BackendTokenResponse = z
  .object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.literal(BACKEND_TOKEN_LIFETIME_SECONDS),
    scope: z.string().openapi({ example: 'reporting messagebox', description: 'The services it may call.' }),
  })
  .openapi('BackendTokenResponse');
export type BackendTokenResponse = z.infer<typeof BackendTokenResponse>;
