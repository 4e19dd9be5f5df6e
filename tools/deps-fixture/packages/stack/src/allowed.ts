// Allowed: the stack starts the platform (no-deep-imports fires, the layers do not).
export { x } from '../../platform/src/index.ts';
