export { message } from './create.ts';
export * from './guards.ts';
export { supportedLanguage } from './locale.ts';
export * from './messages.ts';
export type * from './rpc.ts';
