import type { VersionedProject } from '@planner/api-client';
import { PROJECT_LIMITS, type ProjectInput } from '@planner/contract';
import { type DraftProject, UNTITLED } from '../draft/draft.ts';
import type { Design } from '../editor/design.ts';
import { PROJECT_FORMAT, storedRoom } from '../room/format.ts';
import type { PlannerServices } from '../services.ts';
import { copySuffix } from '../text/project-text.ts';
import { errorCode, errorStatus } from './describe-error.ts';

export const MAX_NAME = PROJECT_LIMITS.nameMaxLength;

export function blankProject(): DraftProject {
  return { id: null, etag: null, version: null, name: UNTITLED, ownerId: null };
}

/** The name of a copy (" (copy)" in the current language, once), within the length limit. */
export function copyName(name: string): string {
  const suffix = copySuffix();
  return name.endsWith(suffix) ? name : `${name.slice(0, MAX_NAME - suffix.length)}${suffix}`;
}

/**
 * The body of a save. Key order is fixed so the same content serialises to the same body (the
 * platform compares a replayed key's body byte for byte).
 */
export function projectInput(name: string, design: Design): ProjectInput {
  const { room, items } = design;
  return {
    format: PROJECT_FORMAT,
    name,
    room: storedRoom(room),
    // `variant: undefined` is left out of the JSON: a piece without one saves as before.
    items: items.map((i) => ({
      id: i.id,
      catalog_id: i.catalog_id,
      x: i.x,
      y: i.y,
      rotation: i.rotation,
      variant: i.variant,
    })),
  };
}

/** What a save sends: which project at which ETag (both null for a new one), and its key. */
export interface SaveRequest {
  id: string | null;
  etag: string | null;
  input: ProjectInput;
  idempotencyKey: string;
}

/** A pending save's identity: a retry with the same content reuses its `Idempotency-Key`. */
export function saveFingerprint(id: string | null, etag: string | null, input: ProjectInput): string {
  return JSON.stringify([id, etag, input]);
}

/**
 * Sends a save: an update at its ETag, else a creation. A project deleted elsewhere (404) is
 * created anew, which overwrites nothing and loses nothing, under the key `renewKey` gives a
 * new pending save (the caller keeps it: it stands for the save from then on).
 */
export async function sendSave(
  services: PlannerServices,
  request: SaveRequest,
  renewKey: (fingerprint: string) => string,
): Promise<VersionedProject> {
  const { id, etag, input, idempotencyKey } = request;
  if (!id || !etag) return services.createProject(input, { idempotencyKey });
  try {
    return await services.updateProject(id, input, etag, { idempotencyKey });
  } catch (error) {
    if (errorCode(error) !== 'HTTP_ERROR' || errorStatus(error) !== 404) throw error;
    const key = renewKey(saveFingerprint(null, null, input));
    return services.createProject(input, { idempotencyKey: key });
  }
}
