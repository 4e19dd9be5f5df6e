import { setNewRoomUnit } from '../editor/design.ts';
import { unitForLocale } from '../editor/units.ts';
import type { Workspace } from './workspace.ts';

/**
 * New rooms follow the locale's units; so does the blank room the planner opened with, as long
 * as the shopper has not touched it. A room someone drew or saved keeps its own unit.
 */
export function followLocaleUnits(workspace: Workspace, locale: string | undefined): void {
  const unit = unitForLocale(locale);
  setNewRoomUnit(unit);
  const { design, state } = workspace;
  if (!state.dirty && !state.project.id && design.items.length === 0 && design.room.unit !== unit)
    workspace.newProject();
}
