// no-browser-package-on-platform (and planner-on-…: not the planner; the console).
export { x } from '../../platform/src/index.ts';
