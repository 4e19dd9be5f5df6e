/** The scope words of the planner's tokens and OAuth tokens. */
export const SCOPES = ['read', 'write'] as const;
export type ScopeWord = (typeof SCOPES)[number];

/** What a token carries: write implies read, so there are exactly two. */
export const GRANTED_SCOPES = ['read', 'read write'] as const;
export type GrantedScope = (typeof GRANTED_SCOPES)[number];

/** A requested scope: `read`, or both words in either order. */
export const SCOPE_PATTERN = /^(read|write|read write|write read)$/;

const words = (scope: string): string[] => scope.split(' ').filter(Boolean);

/** True when a token's space-separated `scope` holds `needed`. */
export const hasScope = (scope: string, needed: string): boolean => words(scope).includes(needed);

/** The write-scope rule: a token may change projects only when its scope holds `write`. */
export const canWrite = (scope: string): boolean => hasScope(scope, 'write');

/** Normalises a requested scope to `read` or `read write` (write implies read; default read). */
export const normaliseScope = (scope: string | undefined): GrantedScope =>
  canWrite(scope ?? 'read') ? 'read write' : 'read';
