import { z } from '@hono/zod-openapi';
import { storableText } from './text.ts';

/** The back-end services a subscription can include (seed 000). */
export const BACKEND_SERVICES = ['reporting', 'messagebox'] as const;
export type BackendService = (typeof BACKEND_SERVICES)[number];

/** `POST /v1/backend/tokens`: a back-end asks for a standard token with its access key. */
export const BackendTokenRequest = z
  .object({
    access_key: storableText().min(1).max(200).openapi({ example: 'ak_…' }),
  })
  .strict()
  .openapi('BackendTokenRequest');
export type BackendTokenRequest = z.infer<typeof BackendTokenRequest>;

export const BackendTokenResponse = z
  .object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.literal(3600),
    scope: z.string().openapi({ example: 'reporting messagebox', description: 'The services it may call.' }),
  })
  .openapi('BackendTokenResponse');
export type BackendTokenResponse = z.infer<typeof BackendTokenResponse>;
