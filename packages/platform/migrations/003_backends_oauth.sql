-- Back-end profiles and their tokens (seed 000), OAuth consumers (seed 002), usage events
-- for the Reporting service and the Messagebox.
--
-- Times that decide whether a credential still works (expires_at, used_at, revoked_at...)
-- are written from the platform's own clock, not the database's now(), so that tests can
-- move time and several instances agree with the one that issued the token.

-- How long an OAuth access token lives by default for this legal entity (seed 002: 8 hours).
alter table legal_entities
  add column oauth_token_lifetime integer not null default 28800
  check (oauth_token_lifetime between 60 and 86400);

-- The back-end services a legal entity's subscription includes. No row: none.
create table subscriptions (
  legal_entity_id uuid primary key references legal_entities (id) on delete cascade,
  services text[] not null default '{}',
  updated_at timestamptz not null default now()
);

-- A back-end: an external system allowed to call the legal entity's back-end services.
-- Its access key is a credential that the details page shows again, so it is sealed under
-- the master key (readable by the platform only) and also hashed, so that a token request
-- finds its profile by an index lookup instead of opening every sealed key.
create table backend_profiles (
  id text primary key,
  legal_entity_id uuid not null references legal_entities (id) on delete cascade,
  name text not null,
  external_system text not null,
  access_key_sealed text not null,
  access_key_hash text not null unique,
  created_at timestamptz not null default now()
);
create index backend_profiles_legal_entity on backend_profiles (legal_entity_id, created_at);

-- Static tokens never expire, so only their SHA-256 is kept: shown once, never again.
-- At most one active per profile; the replaced and deactivated ones stay as history.
create table static_tokens (
  id uuid primary key,
  profile_id text not null references backend_profiles (id) on delete cascade,
  token_hash text not null unique,
  created_at timestamptz not null,
  deactivated_at timestamptz,
  deactivation_reason text
);
create unique index static_tokens_one_active on static_tokens (profile_id) where deactivated_at is null;

-- OAuth consumers (seed 002): the consumer key is public (and is the OAuth client_id), the
-- consumer secret is a 256-bit random string of ours, kept as its SHA-256 only.
create table oauth_consumers (
  consumer_key text primary key,
  legal_entity_id uuid not null references legal_entities (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  label text not null default '',
  secret_hash text not null,
  scope text not null default 'read',
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index oauth_consumers_legal_entity on oauth_consumers (legal_entity_id, created_at);

-- One grant (a token request and every refresh after it). Revoking it, or reusing one of its
-- refresh tokens, ends all of its tokens at once.
create table oauth_grants (
  id uuid primary key,
  consumer_key text not null references oauth_consumers (consumer_key) on delete cascade,
  grant_type text not null,
  created_at timestamptz not null,
  revoked_at timestamptz,
  revocation_reason text
);
create index oauth_grants_consumer on oauth_grants (consumer_key);

create table oauth_access_tokens (
  token_hash text primary key,
  grant_id uuid not null references oauth_grants (id) on delete cascade,
  scope text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index oauth_access_tokens_grant on oauth_access_tokens (grant_id);

-- Refresh tokens rotate: each is used once (used_at) and replaced by a new one; a second use
-- is a reuse, which revokes the whole grant (RFC 9700 §4.14.2).
create table oauth_refresh_tokens (
  token_hash text primary key,
  grant_id uuid not null references oauth_grants (id) on delete cascade,
  scope text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz
);
create index oauth_refresh_tokens_grant on oauth_refresh_tokens (grant_id);

-- Reporting: daily counters per legal entity, and who was active on which day.
create table usage_counters (
  legal_entity_id uuid not null references legal_entities (id) on delete cascade,
  day date not null,
  event text not null,
  count integer not null default 0,
  primary key (legal_entity_id, day, event)
);

create table usage_active_users (
  legal_entity_id uuid not null references legal_entities (id) on delete cascade,
  day date not null,
  user_id uuid not null references users (id) on delete cascade,
  primary key (legal_entity_id, day, user_id)
);

-- Messagebox: a back-end's message to one user, or to all users of its legal entity
-- (recipient_user_id null), including users who arrive later.
create table messages (
  id uuid primary key,
  legal_entity_id uuid not null references legal_entities (id) on delete cascade,
  sender_profile_id text not null references backend_profiles (id) on delete cascade,
  recipient_user_id uuid references users (id) on delete cascade,
  subject text not null,
  body text not null,
  created_at timestamptz not null
);
create index messages_by_recipient on messages (legal_entity_id, recipient_user_id, created_at desc);

create table message_reads (
  message_id uuid not null references messages (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  read_at timestamptz not null,
  primary key (message_id, user_id)
);
