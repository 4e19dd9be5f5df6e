/**
 * `@planner/planner`: the room-planner UI that runs inside the iframe. `main.ts` builds the
 * real `PlannerServices` and calls `mountPlanner`.
 */
export { type MountOptions, mountPlanner } from './app.ts';
/** How the planner reads a stored design of any project format, and writes its room (tests of the format). */
export { sanitizeDesign } from './editor/design.ts';
export type { PlannerErrorCode } from './project/planner-error.ts';
export { isPlannerError, PlannerError } from './project/planner-error.ts';
export { PROJECT_FORMAT, storedRoom } from './room/format.ts';
export type { PlannerCommands, PlannerServices, ProjectSnapshot, SessionState } from './services.ts';
