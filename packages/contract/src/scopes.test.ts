import { expect, it } from 'vitest';
import { canWrite, hasScope, normaliseScope } from './scopes.ts';

it('write is a word of the scope, never a substring', () => {
  expect([canWrite('read write'), canWrite('write'), canWrite('read'), canWrite('readwrite')]).toEqual([
    true,
    true,
    false,
    false,
  ]);
  expect(hasScope('reporting messagebox', 'messagebox')).toBe(true);
});

it('normaliseScope: write implies read, default read', () => {
  expect([normaliseScope(undefined), normaliseScope('write'), normaliseScope('read  write')]).toEqual([
    'read',
    'read write',
    'read write',
  ]);
});
