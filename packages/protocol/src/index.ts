export { message } from './create.ts';
export * from './guards.ts';
export * from './messages.ts';
