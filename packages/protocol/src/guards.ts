/**
 * The validators, one per message, by direction: `to-planner.ts` (what the planner receives)
 * and `to-host.ts` (what the host page receives). Each takes `unknown` and never throws.
 */
export type { DebugHook, RejectReason } from './lib/check.ts';
export * from './to-host.ts';
export * from './to-planner.ts';
