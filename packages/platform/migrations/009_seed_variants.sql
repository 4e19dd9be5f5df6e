-- Issue 12: the seed catalog (the demo shop's) shows variants — colours and materials, each
-- with its own SKU, price and colour — on a few pieces, so the demo plans, prices and sells
-- them end to end. A variant SKU is unique across items and variants, as an import requires.
alter table catalog_seed_items add column variants jsonb not null default '[]';

update catalog_seed_items set variants = '[
  {"sku": "sofa-3-seat-green", "kind": "colour", "name": "Forest green", "price_cents": 92900, "colour": "#3f6b4f"},
  {"sku": "sofa-3-seat-ochre", "kind": "colour", "name": "Ochre", "price_cents": 92900, "colour": "#c58b2a"}
]' where id = 'sofa-3-seat';
update catalog_seed_items set variants = '[
  {"sku": "armchair-rust", "kind": "colour", "name": "Rust", "price_cents": 36900, "colour": "#a4502d"}
]' where id = 'armchair';
update catalog_seed_items set variants = '[
  {"sku": "dining-chair-black", "kind": "colour", "name": "Black", "price_cents": 12900, "colour": "#2f2f2f"},
  {"sku": "dining-chair-walnut", "kind": "material", "name": "Walnut", "price_cents": 14900, "colour": "#6b4a2f"}
]' where id = 'dining-chair';

-- Legal entities whose entry is still the seed's as migration 006 copied it (never imported
-- over) get the variants too; an imported catalog is the retailer's and is left alone.
update catalog_entries e
set variants = s.variants,
  search = to_tsvector('simple', s.id || ' ' || s.name || ' ' || s.category || ' ' || s.description || ' ' ||
    (select string_agg(v ->> 'name', ' ') from jsonb_array_elements(s.variants) v))
from catalog_seed_items s
where e.sku = s.id and e.variants = '[]'::jsonb and s.variants <> '[]'::jsonb
  and exists (
    select 1 from catalog_versions cv
    where cv.legal_entity_id = e.legal_entity_id and cv.version = e.updated_in and cv.source = 'seed'
  );
