import { describe, expect, it } from 'vitest';
import { jwt } from './testing/fakeDom.ts';
import { tokenMessage } from './token.ts';

describe('tokenMessage', () => {
  it('wraps a user token in Login and a legal-entity token in Authentication', () => {
    const user = jwt('user');
    const legal = jwt('legal_entity');

    expect(tokenMessage(user)).toEqual({ ns: 'planner', v: 1, type: 'Login', token: user });
    expect(tokenMessage(legal)).toEqual({ ns: 'planner', v: 1, type: 'Authentication', token: legal });
  });

  it('decodes base64url payloads, whose - and _ atob does not know', () => {
    // These claims encode to a payload containing both '-' and '_'.
    const token = jwt('user', { n: '>>>???~~~' });
    expect(token.split('.')[1]).toMatch(/-/);
    expect(token.split('.')[1]).toMatch(/_/);

    expect(tokenMessage(token).type).toBe('Login');
  });

  it.each([
    ['a token of another kind', jwt('backend')],
    ['a token without kind', jwt('')],
    ['a payload that is not JSON', `e30.${Buffer.from('kind').toString('base64url')}.c2ln`],
    ['two segments', jwt('user').split('.').slice(0, 2).join('.')],
    ['padding', `${jwt('user')}=`],
    ['a token too long for the planner', `${jwt('user')}${'a'.repeat(8192)}`],
    ['not a string', 42],
    ['undefined', undefined],
  ])('refuses %s with INVALID_TOKEN, never echoing it', (_case, token) => {
    let error: unknown;
    try {
      tokenMessage(token);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'INVALID_TOKEN', name: 'EmbedError', message: 'INVALID_TOKEN' });
  });
});
