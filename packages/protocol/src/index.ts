export { message } from './create.ts';
export * from './guards.ts';
export * from './messages.ts';
export type * from './rpc.ts';
