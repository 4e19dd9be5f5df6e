/**
 * The platform's request and response schemas. The same schemas validate requests and
 * generate `/openapi.json`; clients import the inferred types from here (type-only).
 */

export * from './admin.ts';
export * from './backends.ts';
export * from './catalog.ts';
export * from './common.ts';
export * from './embeds.ts';
export * from './identity.ts';
export * from './messagebox.ts';
export * from './oauth.ts';
export * from './projects.ts';
export * from './reporting.ts';
export * from './text.ts';
export * from './tokens.ts';
