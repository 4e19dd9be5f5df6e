-- Issue 12: each legal entity has its own catalog, imported in versions.
--
-- The 56 seeded items (002) become a template: the demo shop's legal entity adopts it when
-- it is provisioned, and every legal entity that exists now keeps seeing it, as its version 1.
-- New legal entities start with an empty catalog until their first import.

alter table catalog_items rename to catalog_seed_items;

-- Plan symbols by the SHA-256 of their (sanitized or generated) SVG: the public symbol URL
-- names only the hash, so it tells nothing of whose catalog it is in, and never changes.
create table catalog_symbols (
  hash text primary key,
  svg text not null
);

create table catalog_versions (
  legal_entity_id uuid not null references legal_entities (id) on delete cascade,
  version integer not null check (version > 0),
  created_at timestamptz not null default now(),
  source text not null check (source in ('seed', 'import')),
  items integer not null,
  added integer not null,
  updated integer not null,
  retired integer not null,
  currency char(3),
  primary key (legal_entity_id, version)
);

-- One row per SKU the legal entity has ever sold: an import updates those it names and
-- retires the rest (retired_in), so a saved project still finds every piece it holds.
create table catalog_entries (
  legal_entity_id uuid not null references legal_entities (id) on delete cascade,
  sku text not null,
  category text not null,
  name text not null,
  description text not null,
  width_cm integer not null check (width_cm > 0),
  depth_cm integer not null check (depth_cm > 0),
  height_cm integer not null check (height_cm > 0),
  price_cents integer not null check (price_cents >= 0),
  currency char(3) not null,
  image_url text,
  symbol_hash text not null references catalog_symbols (hash),
  variants jsonb not null default '[]',
  sort_order integer not null,
  updated_in integer not null,
  retired_in integer,
  search tsvector not null,
  primary key (legal_entity_id, sku)
);
create index catalog_entries_on_sale on catalog_entries (legal_entity_id, sort_order, sku)
  where retired_in is null;
create index catalog_entries_search on catalog_entries using gin (search);

insert into catalog_symbols (hash, svg)
select distinct encode(sha256(convert_to(symbol_svg, 'UTF8')), 'hex'), symbol_svg from catalog_seed_items
on conflict do nothing;

insert into catalog_entries
  (legal_entity_id, sku, category, name, description, width_cm, depth_cm, height_cm, price_cents,
   currency, symbol_hash, sort_order, updated_in, search)
select le.id, s.id, s.category, s.name, s.description, s.width_cm, s.depth_cm, s.height_cm,
  s.price_cents, s.currency, encode(sha256(convert_to(s.symbol_svg, 'UTF8')), 'hex'), s.sort_order, 1,
  to_tsvector('simple', s.id || ' ' || s.name || ' ' || s.category || ' ' || s.description)
from legal_entities le cross join catalog_seed_items s;

insert into catalog_versions (legal_entity_id, version, source, items, added, updated, retired, currency)
select le.id, 1, 'seed', (select count(*) from catalog_seed_items), (select count(*) from catalog_seed_items),
  0, 0, 'EUR'
from legal_entities le;
