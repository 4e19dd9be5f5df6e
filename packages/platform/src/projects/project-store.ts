import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/database.ts';
import type { Project, ProjectInput, ProjectSummary } from '../schemas/projects.ts';

interface Row {
  id: string;
  name: string;
  format: number;
  room: Project['room'];
  items: Project['items'];
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
}

const toProject = (r: Row): Project => ({
  id: r.id,
  format: r.format,
  name: r.name,
  room: r.room,
  items: r.items,
  version: r.version,
  created_at: new Date(r.created_at).toISOString(),
  updated_at: new Date(r.updated_at).toISOString(),
});

/** A user's projects. Every query is scoped by owner: another user's project is simply not found. */
export async function listProjects(db: Queryable, userId: string): Promise<ProjectSummary[]> {
  const rows = await db.query<Row & { item_count: number }>(
    `select id, name, version, updated_at, jsonb_array_length(items) as item_count
     from projects where user_id = $1 order by updated_at desc, id`,
    [userId],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    version: r.version,
    item_count: Number(r.item_count),
    updated_at: new Date(r.updated_at).toISOString(),
  }));
}

export async function createProject(db: Queryable, userId: string, input: ProjectInput): Promise<Project> {
  const [row] = await db.query<Row>(
    `insert into projects (id, user_id, name, room, items, format) values ($1, $2, $3, $4, $5, $6) returning *`,
    [
      randomUUID(),
      userId,
      input.name,
      JSON.stringify(input.room),
      JSON.stringify(input.items),
      input.format ?? 1,
    ],
  );
  return toProject(row!);
}

export async function getProject(db: Queryable, userId: string, id: string): Promise<Project | undefined> {
  const [row] = await db.query<Row>('select * from projects where id = $1 and user_id = $2', [id, userId]);
  return row && toProject(row);
}

export type UpdateResult = { project: Project } | { missing: true } | { conflict: Project };

/**
 * What a write may overwrite: any version, or one of these (optimistic concurrency: the
 * condition is checked in the same statement as the write, so nothing slips in between).
 */
export type ExpectedVersions = 'any' | readonly number[];

const versionCondition = (expected: ExpectedVersions) => (expected === 'any' ? null : [...expected]);

/** Applies only when the current version is one of `expected`. */
export async function updateProject(
  db: Queryable,
  userId: string,
  id: string,
  expected: ExpectedVersions,
  input: ProjectInput,
): Promise<UpdateResult> {
  const [row] = await db.query<Row>(
    `update projects set name = $4, room = $5, items = $6, format = $7, version = version + 1, updated_at = now()
     where id = $1 and user_id = $2 and ($3::int[] is null or version = any($3::int[])) returning *`,
    [
      id,
      userId,
      versionCondition(expected),
      input.name,
      JSON.stringify(input.room),
      JSON.stringify(input.items),
      input.format ?? 1,
    ],
  );
  if (row) return { project: toProject(row) };
  const current = await getProject(db, userId, id);
  return current ? { conflict: current } : { missing: true };
}

export async function deleteProject(
  db: Queryable,
  userId: string,
  id: string,
  expected: ExpectedVersions = 'any',
): Promise<'deleted' | 'missing' | 'conflict'> {
  const rows = await db.query(
    `delete from projects where id = $1 and user_id = $2 and ($3::int[] is null or version = any($3::int[]))
     returning id`,
    [id, userId, versionCondition(expected)],
  );
  if (rows.length) return 'deleted';
  return (await getProject(db, userId, id)) ? 'conflict' : 'missing';
}
