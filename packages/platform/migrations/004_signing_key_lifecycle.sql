-- Issue 9: a rotated-in key is published before it signs, so verifiers that cache the JWKS
-- have it by the time tokens carry its kid. Every instance reads these times, so they agree:
--   pending  now < activates_at
--   active   activates_at <= now < retired_at (or retired_at is null)
--   retired  retired_at <= now < publish_until: still published and accepted
--   gone     publish_until <= now, or revoked_at is set: neither published nor accepted
alter table signing_keys add column activates_at timestamptz;
alter table signing_keys add column revoked_at timestamptz;
update signing_keys set activates_at = created_at;
alter table signing_keys alter column activates_at set not null;
