// ui-on-contract-only: the shared look may not use the planner.
export { ui } from '../../planner/src/index.ts';
