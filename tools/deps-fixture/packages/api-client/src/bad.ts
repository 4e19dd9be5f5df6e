// api-client-on-protocol-and-contract: the api-client imports the planner.
export { ui } from '../../planner/src/index.ts';
