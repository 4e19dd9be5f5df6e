/** `"all"` (every user of the legal entity, now and later), or one user by the host's id. */
export type MessageRecipient = 'all' | { user_id: string };

/** `POST /v1/messages` (a back-end); bounds in `MESSAGE_LIMITS`. */
export interface MessageInput {
  to: MessageRecipient;
  subject: string;
  body: string;
}

export interface SentMessage {
  id: string;
  to: MessageRecipient;
  subject: string;
  body: string;
  created_at: string;
}

export interface InboxMessage {
  id: string;
  subject: string;
  body: string;
  /** The sending back-end profile. */
  from: { name: string };
  broadcast: boolean;
  created_at: string;
  read_at: string | null;
}

export interface Inbox {
  messages: InboxMessage[];
  unread_count: number;
}
