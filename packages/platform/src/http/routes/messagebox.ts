import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ensureUser } from '../../accounts/users.ts';
import { inbox, markRead, postMessage } from '../../messagebox/messages.ts';
import { ErrorBody } from '../../schemas/common.ts';
import { Inbox, InboxMessage, MessageInput, SentMessage } from '../../schemas/messagebox.ts';
import type { AppEnv } from '../env.ts';
import { notFound } from '../errors.ts';
import { bearerAuth } from '../middleware/bearer-auth.ts';
import { idempotency } from '../middleware/idempotency.ts';
import { jsonBody } from '../middleware/json-body.ts';

const errors = (codes: number[]) =>
  Object.fromEntries(
    codes.map((code) => [
      code,
      { description: 'Error', content: { 'application/json': { schema: ErrorBody } } },
    ]),
  );
const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
// The planner's user tokens and OAuth tokens (acting as their user) read that user's inbox.
// Marking a message read is part of reading it: the `read` scope is enough.
const userRead = bearerAuth({ kinds: ['user', 'oauth'], scope: 'read' });

const send = createRoute({
  method: 'post',
  path: '/v1/messagebox/messages',
  tags: ['Messagebox'],
  summary: 'Send a message to one user or to all users (back-end service: messagebox)',
  security: [{ bearerAuth: [] }],
  middleware: [
    bearerAuth({ kinds: ['backend'], service: 'messagebox' }),
    jsonBody(32 * 1024),
    idempotency(),
  ] as const,
  request: {
    headers: z.object({
      'idempotency-key': z.string().optional().openapi({ description: 'Makes the send safe to retry.' }),
    }),
    body: { required: true, content: { 'application/json': { schema: MessageInput } } },
  },
  responses: {
    201: { description: 'Sent', content: { 'application/json': { schema: SentMessage } } },
    ...errors([400, 401, 403, 413, 415, 422]),
  },
});

const list = createRoute({
  method: 'get',
  path: '/v1/messagebox/inbox',
  tags: ['Messagebox'],
  summary: "The user's messages, unread first, then newest first",
  security: [{ bearerAuth: [] }],
  middleware: [userRead] as const,
  request: {
    query: z.object({
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(200)
        .optional()
        .openapi({ param: { name: 'limit', in: 'query' }, description: 'Default 50.' }),
    }),
  },
  responses: {
    200: { description: 'The inbox', content: { 'application/json': { schema: Inbox } } },
    ...errors([400, 401, 403]),
  },
});

const read = createRoute({
  method: 'post',
  path: '/v1/messagebox/messages/{id}/read',
  tags: ['Messagebox'],
  summary: 'Mark a message read (idempotent: the first read time stays)',
  security: [{ bearerAuth: [] }],
  middleware: [userRead] as const,
  request: { params: z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: {
    200: { description: 'The message, read', content: { 'application/json': { schema: InboxMessage } } },
    ...errors([401, 403, 404]),
  },
});

export function registerMessageboxRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(send, async (c) => {
    const services = c.get('services');
    const principal = c.get('principal');
    const input = c.req.valid('json');
    // A user the platform has not seen yet gets the message on their first visit.
    const recipient =
      input.to === 'all'
        ? null
        : {
            userId: await ensureUser(services.db, principal.le, input.to.user_id),
            externalUserId: input.to.user_id,
          };
    const message = await postMessage(services.db, {
      legalEntityId: principal.le,
      profileId: principal.sub,
      recipient,
      subject: input.subject,
      body: input.body,
      nowMs: services.now(),
    });
    services.log.info('message.sent', { message: message.id, profile: principal.sub, broadcast: !recipient });
    return c.json(message, 201);
  });

  app.openapi(list, async (c) => {
    const services = c.get('services');
    const principal = c.get('principal');
    const answer = await inbox(services.db, principal.le, principal.sub, c.req.valid('query').limit ?? 50);
    c.header('Cache-Control', 'private, no-cache');
    return c.json(answer, 200);
  });

  app.openapi(read, async (c) => {
    const services = c.get('services');
    const principal = c.get('principal');
    const { id } = c.req.valid('param');
    const message = isUuid(id)
      ? await markRead(services.db, principal.le, principal.sub, id, services.now())
      : undefined;
    if (!message) throw notFound('No such message.');
    return c.json(message, 200);
  });
}
