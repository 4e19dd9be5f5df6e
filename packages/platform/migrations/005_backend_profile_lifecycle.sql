-- Back-end profiles can be disabled, re-enabled and deleted, and their access key rotated
-- (issue 9). Times are written from the platform's clock (see 003).
--
-- - disabled_at: while set, the access key gets no token and every token of the profile,
--   standard and static, is refused; clearing it restores them.
-- - deleted_at: the profile is gone for the operator (lists, details, 404) and for good:
--   its access keys are destroyed and its static tokens deactivated. The row stays because
--   the messages it sent are in users' inboxes, and its id must never be reused.
-- - key_version counts rotations; a standard token names the version of the key it was
--   asked for with (`akv`), so it dies with that key.
-- - previous_access_key_*: the key before the last rotation, still accepted until
--   previous_access_key_expires_at when the rotation asked for an overlap.
alter table backend_profiles
  add column disabled_at timestamptz,
  add column deleted_at timestamptz,
  add column key_version integer not null default 1,
  add column access_key_rotated_at timestamptz,
  add column previous_access_key_hash text unique,
  add column previous_access_key_expires_at timestamptz;
