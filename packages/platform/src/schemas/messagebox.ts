import { z } from '@hono/zod-openapi';
import { MESSAGE_LIMITS } from '@planner/contract';
import { storableText } from './text.ts';
import { HostUserId } from './tokens.ts';

export const MessageInput = z
  .object({
    to: z.union([z.literal('all'), z.object({ user_id: HostUserId }).strict()]).openapi({
      description: '"all" (every user of the legal entity, now and later), or one user by your id.',
    }),
    subject: storableText().trim().min(1).max(MESSAGE_LIMITS.subjectMaxLength),
    body: storableText().min(1).max(MESSAGE_LIMITS.bodyMaxLength),
  })
  .strict()
  .openapi('MessageInput');
export type MessageInput = z.infer<typeof MessageInput>;

export const SentMessage = z
  .object({
    id: z.string().uuid(),
    to: z.union([z.literal('all'), z.object({ user_id: z.string() })]),
    subject: z.string(),
    body: z.string(),
    created_at: z.string().datetime(),
  })
  .openapi('SentMessage');

export const InboxMessage = z
  .object({
    id: z.string().uuid(),
    subject: z.string(),
    body: z.string(),
    from: z.object({ name: z.string().openapi({ description: 'The sending back-end profile.' }) }),
    broadcast: z.boolean(),
    created_at: z.string().datetime(),
    read_at: z.string().datetime().nullable(),
  })
  .openapi('InboxMessage');
export type InboxMessage = z.infer<typeof InboxMessage>;

export const Inbox = z
  .object({ messages: z.array(InboxMessage), unread_count: z.number().int() })
  .openapi('Inbox');
export type Inbox = z.infer<typeof Inbox>;
