// admin-console-on-contract-and-ui: the console may not use the planner.
export { ui } from '../../planner/src/index.ts';
