import { dispatchAction } from '../components/actions.ts';
import type { PlannerApp } from '../components/planner-app.ts';
import { PlannerError } from '../project/planner-error.ts';
import type { Workspace } from '../project/workspace.ts';
import type { ProjectSnapshot } from '../services.ts';

/**
 * The host's `addItem(catalogId)` ("Plan it in your room" on a shop's product page): places
 * the piece as the catalog's "Add to room" does (free spot, selected, announced), once the
 * catalog has loaded. Rejects with `NOT_IN_CATALOG` for an id the catalog does not have.
 */
export async function addItem(
  app: PlannerApp,
  workspace: Workspace,
  catalogId: unknown,
): Promise<ProjectSnapshot> {
  await app.catalogLoaded;
  if (typeof catalogId !== 'string' || !app.catalogIndex.has(catalogId)) {
    throw new PlannerError('NOT_IN_CATALOG', 'The catalog has no such item.');
  }
  dispatchAction(app, { type: 'add', catalogId });
  return workspace.snapshot();
}
