export { base } from './base.ts';
export { tokens } from './tokens.ts';
