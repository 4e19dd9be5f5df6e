import type { Frame } from '@playwright/test';

/** One call a planner made, as it saw the outcome. */
export interface ChaosRecord {
  op: 'create' | 'update' | 'get' | 'list' | 'catalog';
  ok: boolean;
  /** The project, for writes and project reads. */
  id?: string;
  /** The name sent (writes) or read (get). */
  name?: string;
  /** The version answered. */
  version?: number;
  /** A failed call's error: its stable code and its message. */
  code?: string;
  message?: string;
  errorName?: string;
  /** A failed call's HTTP status, when the platform (or the proxy) answered one. */
  status?: number;
  /** A read that answered a version older than one the planner had been told was saved. */
  stale?: boolean;
}

/**
 * Runs `ops` mixed calls in one planner frame through its own api-client (the queue, the
 * bridge to the host, the real network): `chains` loops at once, each creating a project,
 * replacing it with If-Match, reading it, the list and the catalog, and re-reading the project
 * after a failed write (which may or may not have been applied) before writing again.
 */
export function runChaosWorkload(
  frame: Frame,
  input: { ops: number; chains: number; prefix: string; timeoutMs: number },
): Promise<ChaosRecord[]> {
  return frame.evaluate(async ({ ops, chains, prefix, timeoutMs }) => {
    type Versioned = { project: { id: string; name: string; version: number }; etag: string };
    const { services } = (
      globalThis as unknown as {
        planner: {
          client: {
            services: {
              createProject(input: unknown, o?: { timeoutMs?: number }): Promise<Versioned>;
              updateProject(
                id: string,
                input: unknown,
                etag: string,
                o?: { timeoutMs?: number },
              ): Promise<Versioned>;
              getProject(id: string, o?: { timeoutMs?: number }): Promise<Versioned>;
              listProjects(o?: { timeoutMs?: number }): Promise<{ projects: unknown[] }>;
              searchCatalog(q: { q: string }, o?: { timeoutMs?: number }): Promise<unknown>;
            };
          };
        };
      }
    ).planner.client;
    const records: ChaosRecord[] = [];
    const saved = new Map<string, number>();
    const room = { width_cm: 400, depth_cm: 300, unit: 'cm' };
    const o = { timeoutMs };
    const failure = (error: unknown) => {
      const e = error as { code?: string; message?: string; name?: string; status?: number };
      return {
        ok: false,
        code: e?.code,
        message: String(e?.message ?? e),
        errorName: e?.name,
        status: e?.status,
      };
    };
    let left = ops;
    const chain = async (c: number) => {
      let current: Versioned | undefined;
      let projects = 0;
      let updates = 0;
      let base = '';
      while (left > 0) {
        left--;
        const r = Math.random();
        if (!current) {
          base = `${prefix}-c${c}-p${projects++}`;
          updates = 0;
          const name = `${base} v1`;
          try {
            current = await services.createProject({ name, room, items: [] }, o);
            saved.set(current.project.id, current.project.version);
            records.push({
              op: 'create',
              ok: true,
              id: current.project.id,
              name,
              version: current.project.version,
            });
          } catch (error) {
            records.push({ op: 'create', name, ...failure(error) });
          }
        } else if (r < 0.45) {
          const id = current.project.id;
          const name = `${base} u${++updates}`;
          try {
            current = await services.updateProject(id, { name, room, items: [] }, current.etag, o);
            saved.set(id, current.project.version);
            records.push({ op: 'update', ok: true, id, name, version: current.project.version });
          } catch (error) {
            records.push({ op: 'update', id, name, ...failure(error) });
            // Applied or not, the planner cannot know: it reads the project again first.
            for (let tries = 0; tries < 20; tries++) {
              try {
                current = await services.getProject(id, o);
                records.push({
                  op: 'get',
                  ok: true,
                  id,
                  name: current.project.name,
                  version: current.project.version,
                });
                break;
              } catch (readError) {
                records.push({ op: 'get', id, ...failure(readError) });
              }
            }
          }
        } else if (r < 0.7) {
          const id = current.project.id;
          try {
            const read = await services.getProject(id, o);
            const stale = read.project.version < (saved.get(id) ?? 0);
            records.push({
              op: 'get',
              ok: true,
              id,
              name: read.project.name,
              version: read.project.version,
              stale,
            });
            if (read.project.version >= current.project.version) current = read;
          } catch (error) {
            records.push({ op: 'get', id, ...failure(error) });
          }
        } else if (r < 0.85) {
          try {
            await services.listProjects(o);
            records.push({ op: 'list', ok: true });
          } catch (error) {
            records.push({ op: 'list', ...failure(error) });
          }
        } else {
          try {
            await services.searchCatalog({ q: 'sofa' }, o);
            records.push({ op: 'catalog', ok: true });
          } catch (error) {
            records.push({ op: 'catalog', ...failure(error) });
          }
        }
        // A new project now and then, so that creates are in the mix throughout.
        if (Math.random() < 0.08) current = undefined;
      }
    };
    await Promise.all(Array.from({ length: chains }, (_, c) => chain(c)));
    return records;
  }, input);
}
