-- State that several platform instances on one PostgreSQL must share (issue 10).
--
-- rate_limits: rate-limiter-flexible's RateLimiterPostgres table, in that library's layout
-- (key = '<limit>:<caller>', points used in the window, expire = the window's end in epoch
-- ms). Created here rather than by the library at start-up, where instances starting
-- together would race to create it. Expired rows are swept by the platform.
create table rate_limits (
  key varchar(255) primary key,
  points integer not null default 0,
  expire bigint
);
create index rate_limits_expire on rate_limits (expire);

-- revocation_epoch: one row, bumped by every revocation announcement in the transaction that
-- sends its NOTIFY. Instances poll it: when it moved by an announcement they did not hear
-- (a LISTEN connection that died silently), they drop every cached revocable fact.
create table revocation_epoch (
  id boolean primary key default true check (id),
  epoch bigint not null default 0
);
insert into revocation_epoch default values;
