import { PROJECT_LIMITS } from '@planner/contract';
import { type Design, sanitizeDesign } from '../editor/design.ts';

/** Bump when the stored shape changes incompatibly; older drafts are then ignored. */
export const DRAFT_VERSION = 1;

/** Which saved project the design belongs to (all null until it was first saved). */
export interface DraftProject {
  id: string | null;
  etag: string | null;
  version: number | null;
  name: string;
  /** The user the project was loaded or saved as; another user must not overwrite it. */
  ownerId: string | null;
}

/**
 * A save that was sent but not confirmed: a retry of the same content reuses the key, so the
 * platform answers it from its idempotency store instead of creating a second project.
 */
export interface PendingSave {
  key: string;
  fingerprint: string;
}

/** Everything needed to bring the planner back exactly as it was, kept on this device. */
export interface Draft {
  v: typeof DRAFT_VERSION;
  /** ISO time of the last write. */
  savedAt: string;
  project: DraftProject;
  design: Design;
  /** True while the design has changes the platform has not confirmed. */
  dirty: boolean;
  pendingSave: PendingSave | null;
}

export const UNTITLED = 'Untitled room';

/**
 * The storage key of one owner's draft (see `draftOwner`): one per planner origin and owner
 * (browsers further partition it per embedding site). A device may be shared: Ada's draft
 * must never be what the visitor after her, or Ben, sees or saves (issue 9).
 */
export function draftKey(origin: string, owner: string): string {
  return `${draftPrefix(origin)}:${owner}`;
}

/** Before issue 9, the one draft of the origin, whoever's it was. Removed unread. */
export function draftPrefix(origin: string): string {
  return `planner:draft:v${DRAFT_VERSION}:${origin}`;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** Reads a stored draft, tolerating anything: a corrupt or foreign value yields null. */
export function parseDraft(text: string | null): Draft | null {
  if (!text) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const d = raw as Record<string, unknown>;
  if (d.v !== DRAFT_VERSION) return null;
  const design = sanitizeDesign(d.design);
  if (!design) return null;
  const p = (typeof d.project === 'object' && d.project !== null ? d.project : {}) as Record<string, unknown>;
  const version = typeof p.version === 'number' && Number.isInteger(p.version) ? p.version : null;
  const ps = d.pendingSave as Record<string, unknown> | null | undefined;
  const pendingSave =
    ps && typeof ps === 'object' && str(ps.key) && str(ps.fingerprint)
      ? { key: ps.key as string, fingerprint: ps.fingerprint as string }
      : null;
  return {
    v: DRAFT_VERSION,
    savedAt: typeof d.savedAt === 'string' ? d.savedAt : new Date(0).toISOString(),
    project: {
      id: str(p.id),
      etag: str(p.etag),
      version,
      name: (str(p.name) ?? UNTITLED).slice(0, PROJECT_LIMITS.nameMaxLength),
      ownerId: str(p.ownerId),
    },
    design,
    dirty: d.dirty === true,
    pendingSave,
  };
}
