/**
 * The platform's request and response schemas. The same schemas validate requests and
 * generate `/openapi.json`; clients import the inferred types from here (type-only).
 */

export * from './catalog.ts';
export * from './common.ts';
export * from './identity.ts';
export * from './projects.ts';
export * from './tokens.ts';
