import { randomUUID } from 'node:crypto';
import type { Project } from '@planner/contract';

/** What a save sends: name and room width change with every version, so content is checkable. */
export interface SaveBody {
  name: string;
  room: { width_cm: number; depth_cm: number; unit: 'cm' };
  items: never[];
}

/** One save as the client saw it: sent, and answered or not. */
export interface SaveRecord {
  worker: number;
  method: 'POST' | 'PUT';
  /** For a PUT, the project it updates. */
  projectId?: string;
  /** `${prefix}-w${worker}-p${n}`: the same for every version of one project. */
  base: string;
  key: string;
  ifMatch?: string;
  body: SaveBody;
  /** The HTTP status, when an answer came. */
  status?: number;
  answer?: Project;
  /** The network error, when none came (the process died with the request). */
  error?: string;
}

export const saveBody = (base: string, version: number): SaveBody => ({
  name: `${base} v${version}`,
  room: { width_cm: 300 + version, depth_cm: 360, unit: 'cm' },
  items: [],
});

/** Sends one recorded save (again, for a replay), with its Idempotency-Key and If-Match. */
export async function sendSave(
  url: string,
  token: string,
  save: Pick<SaveRecord, 'method' | 'projectId' | 'key' | 'ifMatch' | 'body'>,
): Promise<Response> {
  const path = save.method === 'POST' ? '/v1/projects' : `/v1/projects/${save.projectId}`;
  return fetch(`${url}${path}`, {
    method: save.method,
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': save.key,
      ...(save.ifMatch ? { 'If-Match': save.ifMatch } : {}),
    },
    body: JSON.stringify(save.body),
    signal: AbortSignal.timeout(30_000),
  });
}

export interface SaveStream {
  /** Saves answered 2xx so far. */
  answered(): number;
  /** Resolves once every worker has stopped: on its first failure, or after `stop()`. */
  done: Promise<SaveRecord[]>;
  stop(): void;
}

/**
 * `workers` loops, each saving one request at a time and as fast as answers come: a project is
 * created, then replaced `updates` times (If-Match: the ETag just answered), then the next one.
 * A worker stops at its first save without a 2xx answer, so each leaves at most one save
 * unanswered when the process dies under it.
 */
export function saveStream(
  url: string,
  token: string,
  { prefix, workers = 4, updates = 3 }: { prefix: string; workers?: number; updates?: number },
): SaveStream {
  const records: SaveRecord[] = [];
  let answered = 0;
  let running = true;
  const send = async (record: SaveRecord): Promise<boolean> => {
    records.push(record);
    try {
      const response = await sendSave(url, token, record);
      const text = await response.text();
      record.status = response.status;
      if (response.status >= 200 && response.status < 300) {
        record.answer = JSON.parse(text) as Project;
        answered++;
        return true;
      }
      record.error = `answered ${response.status}: ${text.slice(0, 200)}`;
    } catch (error) {
      const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
      record.error = `${String(error)}${cause?.code ? ` (${cause.code})` : ''}`;
    }
    return false;
  };
  const worker = async (n: number) => {
    for (let p = 0; running; p++) {
      const base = `${prefix}-w${n}-p${p}`;
      const created: SaveRecord = {
        worker: n,
        method: 'POST',
        base,
        key: randomUUID(),
        body: saveBody(base, 1),
      };
      if (!(await send(created)) || !created.answer) return;
      let project = created.answer;
      for (let u = 0; u < updates && running; u++) {
        const update: SaveRecord = {
          worker: n,
          method: 'PUT',
          projectId: project.id,
          base,
          key: randomUUID(),
          ifMatch: `"v${project.version}"`,
          body: saveBody(base, project.version + 1),
        };
        if (!(await send(update)) || !update.answer) return;
        project = update.answer;
      }
    }
  };
  const loops = Array.from({ length: workers }, (_, n) => worker(n));
  return {
    answered: () => answered,
    done: Promise.all(loops).then(() => records),
    stop: () => {
      running = false;
    },
  };
}
