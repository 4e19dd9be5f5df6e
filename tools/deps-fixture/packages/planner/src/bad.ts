// no-deep-imports alone: the planner may use the api-client, but through its name.
export { a } from '../../api-client/src/index.ts';
