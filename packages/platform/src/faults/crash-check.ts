import type { Project, ProjectList } from '@planner/contract';
import { type SaveRecord, sendSave } from './save-stream.ts';

/** What one project must look like: name and version, as the client last knew them. */
export interface Expected {
  id: string;
  name: string;
  version: number;
}

export interface CrashOutcome {
  /** Saves answered 2xx before the kill. */
  answered: number;
  /** Saves sent but never answered (the process died with them). */
  unanswered: number;
  /** Of those, how many the database had committed before it died. */
  unansweredCommitted: number;
  /** Every deviation found; empty when the platform kept its word. */
  findings: string[];
  /** Every project of the run in its final state (after the replays), for later checks. */
  settled: Expected[];
}

const isOk = (status: number | undefined) => status !== undefined && status >= 200 && status < 300;
const baseOf = (name: string) => name.replace(/ v\d+$/, '');
const versionOf = (name: string) => Number(/ v(\d+)$/.exec(name)?.[1]);

async function getJson<T>(url: string, token: string, path: string): Promise<{ status: number; body?: T }> {
  const response = await fetch(`${url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  const text = await response.text();
  return { status: response.status, ...(response.status === 200 ? { body: JSON.parse(text) as T } : {}) };
}

/**
 * After a crash and a restart on the same data: every save answered 2xx is there with its
 * content, nothing the client sent was applied twice, every unanswered save replayed with its
 * Idempotency-Key applies exactly once (or answers from the stored first answer when it had
 * committed), and every answered save replayed answers the same without applying again.
 */
export async function checkAfterCrash(
  url: string,
  token: string,
  records: SaveRecord[],
): Promise<CrashOutcome> {
  const findings: string[] = [];
  const answered = records.filter((r) => isOk(r.status));
  const unanswered = records.filter((r) => r.error !== undefined && r.status === undefined);
  for (const r of records) {
    if (r.status !== undefined && !isOk(r.status)) findings.push(`${r.method} ${r.base}: ${r.error}`);
  }

  // The last answered state of each project, by the name every version shares.
  const expected = new Map<string, Expected>();
  for (const r of answered) {
    if (r.answer) expected.set(r.base, { id: r.answer.id, name: r.answer.name, version: r.answer.version });
  }
  const list = await getJson<ProjectList>(url, token, '/v1/projects');
  if (!list.body) throw new Error(`GET /v1/projects answered ${list.status}`);
  const byBase = new Map<string, ProjectList['projects']>();
  for (const p of list.body.projects) byBase.set(baseOf(p.name), [...(byBase.get(baseOf(p.name)) ?? []), p]);
  for (const [base, projects] of byBase) {
    if (projects.length > 1) findings.push(`${base}: created ${projects.length} times`);
    const sent = records.some((r) => r.base === base);
    if (!sent) findings.push(`${base}: a project nobody created`);
  }

  // Before any replay: the answered state, or (for the one save in flight) the state after it.
  const committed = new Set<SaveRecord>();
  for (const want of expected.values()) {
    const got = await getJson<Project>(url, token, `/v1/projects/${want.id}`);
    const pending = unanswered.find((r) => r.method === 'PUT' && r.projectId === want.id);
    if (!got.body) {
      findings.push(`${want.name}: answered 2xx, now ${got.status} (lost)`);
      continue;
    }
    const same = got.body.name === want.name && got.body.version === want.version;
    const applied =
      pending !== undefined && got.body.name === pending.body.name && got.body.version === want.version + 1;
    if (applied && pending) committed.add(pending);
    if (!same && !applied) {
      findings.push(
        `${want.name}: expected version ${want.version}${pending ? ` or ${pending.body.name}` : ''}, found ${got.body.name} version ${got.body.version}`,
      );
    }
    if (got.body.room.width_cm !== 300 + versionOf(got.body.name)) {
      findings.push(`${got.body.name}: content does not match its version (width ${got.body.room.width_cm})`);
    }
  }
  for (const r of unanswered.filter((r) => r.method === 'POST')) {
    const found = byBase.get(r.base) ?? [];
    if (found.length === 1) committed.add(r);
  }

  // Replay the unanswered saves: each applies once, or answers from what it had committed.
  for (const r of unanswered) {
    const response = await sendSave(url, token, r);
    const text = await response.text();
    const replayed = response.headers.get('Idempotent-Replayed') === 'true';
    if (!isOk(response.status)) {
      findings.push(
        `replay of unanswered ${r.method} ${r.body.name}: ${response.status} ${text.slice(0, 200)}`,
      );
      continue;
    }
    if (replayed !== committed.has(r)) {
      findings.push(
        `replay of unanswered ${r.method} ${r.body.name}: ${committed.has(r) ? 'committed before the crash but applied again' : 'not committed, yet answered as a replay'}`,
      );
    }
    const project = JSON.parse(text) as Project;
    if (project.name !== r.body.name) findings.push(`replay of ${r.body.name} answered ${project.name}`);
    expected.set(r.base, { id: project.id, name: project.name, version: project.version });
  }

  // Replays of answered saves answer as the first time did, and change nothing.
  for (const r of answered) {
    const response = await sendSave(url, token, r);
    const body = await response.text();
    if (response.status !== r.status || response.headers.get('Idempotent-Replayed') !== 'true') {
      findings.push(`replay of answered ${r.method} ${r.body.name}: ${response.status}, not a replay`);
    } else if (JSON.stringify(JSON.parse(body)) !== JSON.stringify(r.answer)) {
      findings.push(`replay of answered ${r.method} ${r.body.name}: another body than the first answer`);
    }
  }

  const settled = [...expected.values()];
  findings.push(...(await checkSettled(url, token, settled)));
  const after = await getJson<ProjectList>(url, token, '/v1/projects');
  if (after.body && after.body.projects.length !== settled.length) {
    findings.push(`${after.body.projects.length} projects after the replays, ${settled.length} expected`);
  }
  return {
    answered: answered.length,
    unanswered: unanswered.length,
    unansweredCommitted: committed.size,
    findings,
    settled,
  };
}

/** Each project exactly as expected: name, version and the content that goes with them. */
export async function checkSettled(url: string, token: string, settled: Expected[]): Promise<string[]> {
  const findings: string[] = [];
  for (const want of settled) {
    const got = await getJson<Project>(url, token, `/v1/projects/${want.id}`);
    if (!got.body) findings.push(`${want.name}: ${got.status} (lost)`);
    else if (got.body.name !== want.name || got.body.version !== want.version) {
      findings.push(`${want.name} v${want.version}: found ${got.body.name} version ${got.body.version}`);
    } else if (got.body.room.width_cm !== 300 + want.version) {
      findings.push(`${want.name}: content does not match its version`);
    }
  }
  return findings;
}
