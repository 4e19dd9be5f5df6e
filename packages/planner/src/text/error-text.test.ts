import { readFileSync } from 'node:fs';
import { ApiClientError, type ApiClientErrorCode, ErrorCode } from '@planner/api-client';
import { describe, expect, it } from 'vitest';
import { reasonOf } from '../project/describe-error.ts';
import { errorText, type ReasonCode, TEXT_CODES, type TextCode } from './error-text.ts';

const ALL_PARAMS = { name: 'Kitchen', version: 3, reason: 'NETWORK' as const };

describe('errorText', () => {
  it('has a sentence for every code, with its parameters filled in', () => {
    expect(TEXT_CODES.length).toBeGreaterThan(30);
    for (const code of TEXT_CODES) {
      const text = errorText(code, ALL_PARAMS);
      expect(text, code).toMatch(/^\S.*[.!?]$/);
      expect(text, code).not.toMatch(/undefined|null|\$\{/);
    }
    expect(errorText('OPEN_FAILED', { reason: 'TIMEOUT' })).toBe(
      'Could not open the project. The server took too long to answer.',
    );
    expect(errorText('RELOADED', { version: 7 })).toContain('(v7)');
    expect(errorText('SAVED_AS_COPY', { name: 'Den (copy)' })).toBe('Saved as “Den (copy)”.');
  });

  // Which reason each api-client failure is shown as: a new api-client code fails here until
  // someone decides what people are told about it.
  const REASONS: Record<ApiClientErrorCode, ReasonCode> = {
    REFRESH_TIMEOUT: 'TIMEOUT',
    REFRESH_LIMITED: 'SESSION_NOT_RENEWED',
    TOKEN_UNAVAILABLE: 'SESSION_NOT_RENEWED',
    TOKEN_REJECTED: 'SESSION_NOT_RENEWED',
    QUEUE_FULL: 'BUSY',
    LOGGED_OUT: 'LOGGED_OUT',
    DEADLINE_EXCEEDED: 'TIMEOUT',
    BODY_NOT_REPLAYABLE: 'UNKNOWN',
    NETWORK_ERROR: 'NETWORK',
    HTTP_ERROR: 'UNKNOWN',
    CONFLICT: 'CHANGED_ELSEWHERE',
    INVALID_RESPONSE: 'UNKNOWN',
    DESTROYED: 'UNKNOWN',
  };

  it('words every api-client error code (and the HTTP statuses people can act on)', () => {
    expect(Object.keys(REASONS).sort()).toEqual(Object.values(ErrorCode).sort());
    for (const [code, reason] of Object.entries(REASONS)) {
      expect(reasonOf(new ApiClientError(code as ApiClientErrorCode, 'x')), code).toBe(reason);
    }
    const http = (status: number) => reasonOf(new ApiClientError('HTTP_ERROR', 'x', { status }));
    expect([http(403), http(404), http(413), http(500), http(503), http(400)]).toEqual([
      'FORBIDDEN',
      'NOT_FOUND',
      'TOO_LARGE',
      'SERVER',
      'SERVER',
      'UNKNOWN',
    ]);
    // Anything else is "Something went wrong.", never an error's own message (it is for developers).
    expect(errorText(reasonOf(new Error('fetch failed: secret-host:5432')))).toBe('Something went wrong.');
  });

  it('knows every code the workspace and the UI give a notice or an error text', () => {
    // The types already require it; this also catches a code built as a plain string.
    const sources = [
      '../project/workspace.ts',
      '../project/save-rules.ts',
      '../project/notice.ts',
      '../components/project-flows-controller.ts',
      '../components/planner-inbox.ts',
    ].map((f) => readFileSync(new URL(f, import.meta.url), 'utf8'));
    const used = new Set<string>();
    for (const src of sources) {
      for (const m of src.matchAll(/\bcode: '([A-Z_]+)'|#detach\('([A-Z_]+)'\)|errorText\('([A-Z_]+)'/g))
        used.add((m[1] ?? m[2] ?? m[3])!);
      for (const m of src.matchAll(/code: [^,}]*\? '([A-Z_]+)' : '([A-Z_]+)'/g)) used.add(m[1]!).add(m[2]!);
    }
    expect(used.size).toBeGreaterThan(15);
    for (const code of used) expect(TEXT_CODES, code).toContain(code as TextCode);
  });
});
