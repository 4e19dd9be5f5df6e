import { z } from '@hono/zod-openapi';

/** Every error body: a stable machine-readable code plus a sentence for people. */
export const ErrorBody = z
  .object({
    error: z.string().openapi({ example: 'invalid_token' }),
    error_description: z.string().openapi({ example: 'The access token expired.' }),
  })
  .openapi('Error');
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Id = z.string().uuid();
