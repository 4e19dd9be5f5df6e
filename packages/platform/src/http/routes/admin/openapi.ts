import { z } from '@hono/zod-openapi';
import { ErrorBody } from '../../../schemas/common.ts';
import { adminAuth } from '../../middleware/admin-auth.ts';
import { jsonBody } from '../../middleware/json-body.ts';

// What every admin route's OpenAPI description shares: its tag, security, error answers
// and path parameters, so each resource file states only what is its own.

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
export const errors = (codes: number[]) =>
  Object.fromEntries(codes.map((code) => [code, json(ErrorBody, 'Error')]));
export const body = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});

const pathId = z
  .string()
  .max(100)
  .openapi({ param: { name: 'id', in: 'path' } });
/** Tag and security of every admin route. */
export const common = { tags: ['Admin'], security: [{ adminToken: [] }] };
export const auth = adminAuth();
export const withBody = jsonBody(16 * 1024);

export const leId = z.object({ id: pathId });
export const profileId = z.object({ id: pathId });
export const consumerKey = z.object({
  key: z
    .string()
    .max(100)
    .openapi({ param: { name: 'key', in: 'path' } }),
});
