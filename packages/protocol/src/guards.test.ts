import { describe, expect, it, vi } from 'vitest';
import { message } from './create.ts';
import { isLogin, parseHostMessage, parsePlannerMessage } from './guards.ts';
import type { LoginMessage } from './messages.ts';

const jwt = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln';

describe('parseHostMessage', () => {
  it('accepts a raw Login as a host without the SDK would post it', () => {
    const raw = { ns: 'planner', v: 1, type: 'Login', token: jwt };
    expect(parseHostMessage(raw)).toEqual(raw);
    expect(isLogin(raw)).toBe(true);
  });

  it.each([
    ['not_object', 'Login'],
    ['not_object', null],
    ['not_object', [1]],
    ['foreign', { type: 'Login', token: jwt }],
    ['unknown_version', { ns: 'planner', v: 2, type: 'Login', token: jwt }],
    ['unknown_type', { ns: 'planner', v: 1, type: 'Hack' }],
    ['unknown_type', { ns: 'planner', v: 1, type: 'Ready', planner: '1' }],
    ['unknown_type', { ns: 'planner', v: 1, type: 'toString' }],
    ['malformed', { ns: 'planner', v: 1, type: 'Login', token: 42 }],
    ['malformed', { ns: 'planner', v: 1, type: 'Login', token: 'not a jwt' }],
    ['malformed', { ns: 'planner', v: 1, type: 'Authentication', token: `${'a'.repeat(9000)}.b.c` }],
    ['malformed', { ns: 'planner', v: 1, type: 'Error', code: 'nope', message: 'x' }],
  ])('ignores %s input %j and reports it to the debug hook', (reason, data) => {
    const debug = vi.fn();
    expect(parseHostMessage(data, debug)).toBeUndefined();
    expect(debug).toHaveBeenCalledWith(reason, data);
  });

  it('never throws, even when the debug hook does', () => {
    expect(
      parseHostMessage(42, () => {
        throw new Error('boom');
      }),
    ).toBeUndefined();
  });
});

describe('parsePlannerMessage', () => {
  it('accepts TokenExpired with and without a kind', () => {
    const plain = { ns: 'planner', v: 1, type: 'TokenExpired', reason: 'expired' };
    expect(parsePlannerMessage(plain)).toEqual(plain);
    const withKind = { ns: 'planner', v: 1, type: 'TokenExpired', reason: 'rejected', kind: 'user' };
    expect(parsePlannerMessage(withKind)).toEqual(withKind);
    expect(
      parsePlannerMessage({ ns: 'planner', v: 1, type: 'TokenExpired', reason: 'bored' }),
    ).toBeUndefined();
  });

  it('refuses host-only messages coming from the planner', () => {
    expect(parsePlannerMessage({ ns: 'planner', v: 1, type: 'Login', token: jwt })).toBeUndefined();
  });
});

describe('message', () => {
  it('fills in namespace and version', () => {
    expect(message<LoginMessage>('Login', { token: jwt })).toEqual({
      ns: 'planner',
      v: 1,
      type: 'Login',
      token: jwt,
    });
  });
});
