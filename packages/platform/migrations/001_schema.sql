-- Accounts: legal entities, their embed origins, API keys and users.
create table legal_entities (
  id uuid primary key,
  name text not null,
  default_token_lifetime integer not null default 900 check (default_token_lifetime between 60 and 86400),
  created_at timestamptz not null default now()
);

create table embed_origins (
  legal_entity_id uuid not null references legal_entities (id) on delete cascade,
  origin text not null,
  primary key (legal_entity_id, origin)
);

-- The secret key is sealed (AES-256-GCM) under the operator's master key: the platform
-- must recompute HS256 client assertions with it, so it cannot be a one-way hash.
create table api_keys (
  id text primary key,
  legal_entity_id uuid not null references legal_entities (id) on delete cascade,
  label text not null default '',
  secret_sealed text not null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index api_keys_legal_entity on api_keys (legal_entity_id);

create table users (
  id uuid primary key,
  legal_entity_id uuid not null references legal_entities (id) on delete cascade,
  external_id text not null,
  created_at timestamptz not null default now(),
  unique (legal_entity_id, external_id)
);

-- Token signing keys. The private half is sealed under the master key. A retired key
-- stays published in the JWKS until every token it signed has expired.
create table signing_keys (
  kid text primary key,
  alg text not null,
  public_jwk jsonb not null,
  private_sealed text not null,
  created_at timestamptz not null default now(),
  retired_at timestamptz,
  publish_until timestamptz
);

-- Client assertions already used (RFC 7523 §3: jti replay protection), kept until they
-- would have expired anyway.
create table used_assertions (
  key_id text not null,
  jti text not null,
  expires_at timestamptz not null,
  primary key (key_id, jti)
);

create table catalog_items (
  id text primary key,
  category text not null,
  name text not null,
  description text not null,
  width_cm integer not null check (width_cm > 0),
  depth_cm integer not null check (depth_cm > 0),
  height_cm integer not null check (height_cm > 0),
  price_cents integer not null check (price_cents >= 0),
  currency char(3) not null default 'EUR',
  symbol_svg text not null,
  sort_order integer not null
);

create table projects (
  id uuid primary key,
  user_id uuid not null references users (id) on delete cascade,
  name text not null,
  room jsonb not null,
  items jsonb not null,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index projects_by_user on projects (user_id, updated_at desc);

-- Idempotency-Key records: the first answer to a write, replayed for the same key and body.
create table idempotency_keys (
  caller text not null,
  key text not null,
  request_hash text not null,
  status integer not null,
  response_headers jsonb not null,
  response_body text not null,
  created_at timestamptz not null default now(),
  primary key (caller, key)
);
