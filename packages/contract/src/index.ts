/**
 * The web services' contract: what the platform and the browser packages agree on. Side-free
 * (types, `as const` values and small guards), no runtime dependencies, no schema library:
 * the platform's zod schemas are built from these values and pinned to these types.
 */

export * from './admin.ts';
export * from './backends.ts';
export * from './catalog.ts';
export * from './errors.ts';
export * from './identity.ts';
export * from './limits.ts';
export * from './messagebox.ts';
export * from './oauth.ts';
export * from './projects.ts';
export * from './room.ts';
export * from './scopes.ts';
export * from './text.ts';
export * from './tokens.ts';
