/**
 * The shared look lives in @planner/ui (tokens, base styles); this module only keeps the
 * components' existing `./styles.ts` imports working.
 */
export { base, tokens } from '@planner/ui';
