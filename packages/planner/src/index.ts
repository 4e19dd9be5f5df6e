/**
 * `@planner/planner`: the room-planner UI that runs inside the iframe. `main.ts` builds the
 * real `PlannerServices` and calls `mountPlanner`.
 */
export { type MountOptions, mountPlanner } from './app.ts';
export type { PlannerErrorCode } from './project/planner-error.ts';
export { isPlannerError, PlannerError } from './project/planner-error.ts';
export type { PlannerCommands, PlannerServices, ProjectSnapshot, SessionState } from './services.ts';
