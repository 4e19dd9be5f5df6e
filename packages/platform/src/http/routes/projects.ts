import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { etag, RETAINED_304_HEADERS } from 'hono/etag';
import {
  createProject,
  deleteProject,
  getProject,
  listProjects,
  updateProject,
} from '../../projects/project-store.ts';
import { ErrorBody } from '../../schemas/common.ts';
import { Project, ProjectInput, ProjectList } from '../../schemas/projects.ts';
import type { AppEnv } from '../env.ts';
import { ApiError, notFound } from '../errors.ts';
import { etagOf, versionsFromIfMatch } from '../etag.ts';
import { bearerAuth } from '../middleware/bearer-auth.ts';
import { idempotency } from '../middleware/idempotency.ts';
import { jsonBody } from '../middleware/json-body.ts';

// A project of PROJECT_LIMITS.maxItems pieces with every field at its longest is ~300 bytes
// a piece: 512 KB holds the largest valid project with room to spare.
const MAX_BODY = 512 * 1024;
// A user's projects: the planner's user tokens, and OAuth tokens, which act as their consumer's user.
const userRead = bearerAuth({ kinds: ['user', 'oauth'], scope: 'read' });
const userWrite = bearerAuth({ kinds: ['user', 'oauth'], scope: 'write' });
const errors = (codes: number[]) =>
  Object.fromEntries(
    codes.map((code) => [
      code,
      { description: 'Error', content: { 'application/json': { schema: ErrorBody } } },
    ]),
  );

const IdParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
const IdempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .optional()
    .openapi({ description: 'Makes the write safe to retry: the same key and body answer the same.' }),
});
const project404 = () => notFound('No such project.');
// The planner reads from another origin: a 304 without the CORS headers would be unreadable.
const revalidate = etag({
  retainedHeaders: [
    ...RETAINED_304_HEADERS,
    'access-control-allow-origin',
    'access-control-allow-credentials',
    'access-control-expose-headers',
  ],
});
// Ids are UUIDs; anything else cannot be a project and must not reach the database as one.
const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

const list = createRoute({
  method: 'get',
  path: '/v1/projects',
  tags: ['Projects'],
  summary: "The caller's projects, newest first",
  security: [{ bearerAuth: [] }],
  middleware: [userRead] as const,
  responses: {
    200: { description: 'Summaries', content: { 'application/json': { schema: ProjectList } } },
    ...errors([401, 403]),
  },
});

const create = createRoute({
  method: 'post',
  path: '/v1/projects',
  tags: ['Projects'],
  summary: 'Create a project',
  security: [{ bearerAuth: ['write'] }],
  middleware: [userWrite, jsonBody(MAX_BODY), idempotency()] as const,
  request: {
    headers: IdempotencyHeader,
    body: { required: true, content: { 'application/json': { schema: ProjectInput } } },
  },
  responses: {
    201: {
      description: 'Created; ETag names its version',
      content: { 'application/json': { schema: Project } },
    },
    ...errors([400, 401, 403, 413, 415, 422]),
  },
});

const read = createRoute({
  method: 'get',
  path: '/v1/projects/{id}',
  tags: ['Projects'],
  summary: 'Read one of your projects',
  security: [{ bearerAuth: [] }],
  // Hono's etag middleware answers If-None-Match from the route's own ETag, with the weak
  // comparison RFC 9110 §13.1.2 asks for: 304, the ETag and Cache-Control, no body.
  middleware: [userRead, revalidate] as const,
  request: {
    params: IdParam,
    headers: z.object({
      'if-none-match': z
        .string()
        .optional()
        .openapi({ description: 'An ETag you hold (or a list, or *): 304 when it is still current.' }),
    }),
  },
  responses: {
    200: {
      description: 'The project; ETag names its version',
      content: { 'application/json': { schema: Project } },
    },
    304: { description: 'Not modified: the If-None-Match ETag is current' },
    ...errors([401, 403, 404]),
  },
});

const update = createRoute({
  method: 'put',
  path: '/v1/projects/{id}',
  tags: ['Projects'],
  summary: 'Replace a project (optimistic concurrency: If-Match is required)',
  security: [{ bearerAuth: ['write'] }],
  middleware: [userWrite, jsonBody(MAX_BODY), idempotency()] as const,
  request: {
    params: IdParam,
    headers: IdempotencyHeader.extend({
      'if-match': z.string().optional().openapi({
        description:
          'The ETag you read, e.g. "v3" (a list matches if one does; * matches any version). Strong comparison: a weak W/ tag never matches. Required.',
      }),
    }),
    body: { required: true, content: { 'application/json': { schema: ProjectInput } } },
  },
  responses: {
    200: { description: 'Updated', content: { 'application/json': { schema: Project } } },
    ...errors([400, 401, 403, 404, 412, 413, 415, 422, 428]),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/v1/projects/{id}',
  tags: ['Projects'],
  summary: 'Delete a project (If-Match optional)',
  security: [{ bearerAuth: ['write'] }],
  middleware: [userWrite, idempotency()] as const,
  request: {
    params: IdParam,
    headers: IdempotencyHeader.extend({
      'if-match': z.string().optional().openapi({
        description: 'As for PUT: the ETag you read, a list, or *; a weak W/ tag never matches.',
      }),
    }),
  },
  responses: { 204: { description: 'Deleted' }, ...errors([401, 403, 404, 412, 413]) },
});

const preconditionFailed = (current: number) =>
  new ApiError(412, 'precondition_failed', 'The project changed since you read it.', {
    ETag: etagOf(current),
  });

export function registerProjectRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(list, async (c) => {
    return c.json({ projects: await listProjects(c.get('services').db, c.get('principal').sub) }, 200);
  });

  app.openapi(create, async (c) => {
    const services = c.get('services');
    const principal = c.get('principal');
    const project = await createProject(services.db, principal.sub, c.req.valid('json'));
    services.log.info('project.created', { project: project.id, sub: principal.sub });
    await services.usage.count(principal.le, 'project:created');
    c.header('ETag', etagOf(project.version));
    c.header('Location', `/v1/projects/${project.id}`);
    return c.json(project, 201);
  });

  app.openapi(read, async (c) => {
    const { id } = c.req.valid('param');
    const project = isUuid(id)
      ? await getProject(c.get('services').db, c.get('principal').sub, id)
      : undefined;
    if (!project) throw project404();
    c.header('ETag', etagOf(project.version));
    c.header('Cache-Control', 'private, no-cache');
    return c.json(project, 200);
  });

  app.openapi(update, async (c) => {
    const { id } = c.req.valid('param');
    if (!isUuid(id)) throw project404();
    const ifMatch = c.req.header('If-Match');
    if (!ifMatch) {
      // Refused before anything ran: the request's Idempotency-Key stays unused.
      throw new ApiError(
        428,
        'precondition_required',
        'Send If-Match with the ETag you read, so no change is lost.',
        {},
        { unapplied: true },
      );
    }
    const result = await updateProject(
      c.get('services').db,
      c.get('principal').sub,
      id,
      versionsFromIfMatch(ifMatch),
      c.req.valid('json'),
    );
    if ('missing' in result) throw project404();
    if ('conflict' in result) throw preconditionFailed(result.conflict.version);
    await c.get('services').usage.count(c.get('principal').le, 'project:saved');
    c.header('ETag', etagOf(result.project.version));
    return c.json(result.project, 200);
  });

  app.openapi(remove, async (c) => {
    const { id } = c.req.valid('param');
    if (!isUuid(id)) throw project404();
    const ifMatch = c.req.header('If-Match');
    const expected = ifMatch === undefined ? 'any' : versionsFromIfMatch(ifMatch);
    const { db } = c.get('services');
    const outcome = await deleteProject(db, c.get('principal').sub, id, expected);
    if (outcome === 'missing') throw project404();
    if (outcome === 'conflict')
      throw preconditionFailed((await getProject(db, c.get('principal').sub, id))?.version ?? 0);
    return c.body(null, 204);
  });
}
