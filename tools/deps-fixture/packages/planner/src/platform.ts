// planner-on-api-client-protocol-contract-ui and no-browser-package-on-platform.
export { x } from '../../platform/src/index.ts';
