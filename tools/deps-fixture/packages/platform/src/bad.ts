// platform-on-no-ui: the platform imports the planner.
export { ui } from '../../planner/src/index.ts';
