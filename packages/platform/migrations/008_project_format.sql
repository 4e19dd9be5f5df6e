-- The project format (issue 11). Every project saved before has format 1: a rectangular room
-- (`room` holds width_cm, depth_cm and unit). Format 2 rooms add corners, wall thickness and
-- openings inside the same `room` document. Old rows are left as they are and read as
-- format 1; the planner turns them into four walls when it opens them.
alter table projects add column format integer not null default 1 check (format >= 1);
