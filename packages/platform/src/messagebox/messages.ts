import { randomUUID } from 'node:crypto';
// The wire shapes are the contract's: one definition for the platform and the planner.
import type { InboxMessage, SentMessage } from '@planner/contract';
import type { Queryable } from '../db/database.ts';

export type { InboxMessage, SentMessage };

interface InboxRow {
  id: string;
  subject: string;
  body: string;
  sender_name: string;
  broadcast: boolean;
  created_at: Date | string;
  read_at: Date | string | null;
}

const iso = (d: Date | string | number) => new Date(d).toISOString();

const toInbox = (r: InboxRow): InboxMessage => ({
  id: r.id,
  subject: r.subject,
  body: r.body,
  from: { name: r.sender_name },
  broadcast: r.broadcast,
  created_at: iso(r.created_at),
  read_at: r.read_at ? iso(r.read_at) : null,
});

/** Stores a back-end's message to one user (internal id) or, with `recipient` null, to all. */
export async function postMessage(
  db: Queryable,
  input: {
    legalEntityId: string;
    profileId: string;
    recipient: { userId: string; externalUserId: string } | null;
    subject: string;
    body: string;
    nowMs: number;
  },
): Promise<SentMessage> {
  const id = randomUUID();
  await db.query(
    `insert into messages (id, legal_entity_id, sender_profile_id, recipient_user_id, subject, body, created_at)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [
      id,
      input.legalEntityId,
      input.profileId,
      input.recipient?.userId ?? null,
      input.subject,
      input.body,
      iso(input.nowMs),
    ],
  );
  return {
    id,
    to: input.recipient ? { user_id: input.recipient.externalUserId } : 'all',
    subject: input.subject,
    body: input.body,
    created_at: iso(input.nowMs),
  };
}

const VISIBLE = `from messages m
  join backend_profiles p on p.id = m.sender_profile_id
  left join message_reads r on r.message_id = m.id and r.user_id = $2
  where m.legal_entity_id = $1 and (m.recipient_user_id = $2 or m.recipient_user_id is null)`;
const COLUMNS = `m.id, m.subject, m.body, p.name as sender_name, (m.recipient_user_id is null) as broadcast,
  m.created_at, r.read_at`;

/** The user's messages (their own and broadcasts), unread first, newest first within each. */
export async function inbox(
  db: Queryable,
  legalEntityId: string,
  userId: string,
  limit: number,
): Promise<{ messages: InboxMessage[]; unread_count: number }> {
  const rows = await db.query<InboxRow>(
    `select ${COLUMNS} ${VISIBLE} order by (r.read_at is null) desc, m.created_at desc, m.id limit $3`,
    [legalEntityId, userId, limit],
  );
  const [unread] = await db.query<{ n: number }>(
    `select count(*)::int as n ${VISIBLE} and r.read_at is null`,
    [legalEntityId, userId],
  );
  return { messages: rows.map(toInbox), unread_count: Number(unread?.n ?? 0) };
}

/**
 * Marks a message read for this user; idempotent (the first read time stays). Undefined
 * when the user cannot see the message: it is somebody else's or does not exist.
 */
export async function markRead(
  db: Queryable,
  legalEntityId: string,
  userId: string,
  messageId: string,
  nowMs: number,
): Promise<InboxMessage | undefined> {
  const [visible] = await db.query<{ id: string }>(`select m.id ${VISIBLE} and m.id = $3`, [
    legalEntityId,
    userId,
    messageId,
  ]);
  if (!visible) return undefined;
  await db.query(
    'insert into message_reads (message_id, user_id, read_at) values ($1, $2, $3) on conflict do nothing',
    [messageId, userId, iso(nowMs)],
  );
  const [row] = await db.query<InboxRow>(`select ${COLUMNS} ${VISIBLE} and m.id = $3`, [
    legalEntityId,
    userId,
    messageId,
  ]);
  return row && toInbox(row);
}
