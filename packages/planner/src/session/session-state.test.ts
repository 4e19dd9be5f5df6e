import { TokenStore } from '@planner/api-client';
import type { PlannerClient } from '@planner/api-client/bridge';
import { describe, expect, it } from 'vitest';
import { draftOwner, trackSession } from './session-state.ts';

const HOST = 'https://shop.example';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** A token as the bridge installs it once verified (the signature is not this test's subject). */
function token(claims: { kind: 'user' | 'legal_entity'; sub: string; le: string; uid?: string }): string {
  const iat = Math.floor(Date.now() / 1000);
  const payload = {
    iss: 'https://platform.example',
    aud: 'https://platform.example/v1',
    client_id: 'key_1',
    jti: `j-${Math.random()}`,
    scope: 'read write',
    iat,
    exp: iat + 300,
    origins: [HOST],
    ...claims,
  };
  return `${b64({ alg: 'ES256', typ: 'at+jwt', kid: 'k1' })}.${b64(payload)}.c2ln`;
}

/** Just enough of a planner client: the real token store, bridge and queue events on demand. */
function fakeClient() {
  const listeners = new Map<string, Array<(e: unknown) => void>>();
  const on = (type: string, listener: (e: unknown) => void) => {
    listeners.set(type, [...(listeners.get(type) ?? []), listener]);
    return () => {};
  };
  const tokens = new TokenStore();
  const queue = { on, check() {}, online: true };
  const client = { tokens, bridge: { on }, queue } as unknown as PlannerClient;
  const fire = (type: string, event: unknown = {}) => {
    for (const listener of listeners.get(type) ?? []) listener(event);
  };
  /** The queue's network status changes, as the browser's `online`/`offline` make it. */
  const network = (online: boolean) => {
    queue.online = online;
    fire('networkChange', { online, waiting: 0 });
  };
  return { client, tokens, fire, network };
}

describe('draftOwner', () => {
  it('is the visitor of a legal entity, or one of its users, from the verified token', () => {
    const tokens = new TokenStore();
    expect(draftOwner(undefined)).toBeNull();
    tokens.install(token({ kind: 'legal_entity', sub: 'le_1', le: 'le_1' }), { origin: HOST });
    expect(draftOwner(tokens.current)).toBe('visitor:le_1');
    tokens.install(token({ kind: 'user', sub: 'usr_ada', le: 'le_1', uid: 'ada' }), { origin: HOST });
    expect(draftOwner(tokens.current)).toBe('user:le_1:usr_ada');
    tokens.install(token({ kind: 'user', sub: 'usr_ada', le: 'le_2' }), { origin: HOST });
    expect(draftOwner(tokens.current)).toBe('user:le_2:usr_ada');
  });

  it('cannot be made to collide by an id holding the separator', () => {
    const tokens = new TokenStore();
    tokens.install(token({ kind: 'user', sub: 'b', le: 'a:x' }), { origin: HOST });
    const first = draftOwner(tokens.current);
    tokens.install(token({ kind: 'user', sub: 'x:b', le: 'a' }), { origin: HOST });
    expect(draftOwner(tokens.current)).not.toBe(first);
  });
});

describe('trackSession', () => {
  it('names the owner of the token held, and nobody after Logout', () => {
    const { client, tokens, fire } = fakeClient();
    const session = trackSession(client);
    expect(session.owner()).toBeNull();
    tokens.install(token({ kind: 'user', sub: 'usr_ada', le: 'le_1', uid: 'ada' }), { origin: HOST });
    fire('tokenAccepted');
    expect(session.get()).toMatchObject({ status: 'signed-in', userId: 'ada' });
    expect(session.owner()).toBe('user:le_1:usr_ada');
    tokens.clear();
    fire('loggedOut');
    expect(session.get()).toEqual({ status: 'connecting' });
    expect(session.owner()).toBeNull();
  });

  it('keeps the owner while a token is renewed', () => {
    const { client, tokens, fire } = fakeClient();
    const session = trackSession(client);
    tokens.install(token({ kind: 'legal_entity', sub: 'le_1', le: 'le_1' }), { origin: HOST });
    fire('tokenAccepted');
    fire('refreshStart', { early: false });
    expect(session.get()).toEqual({ status: 'refreshing', previous: 'visitor' });
    expect(session.owner()).toBe('visitor:le_1');
  });

  it('is offline while the queue waits for the network, and says which session its calls will use', () => {
    const { client, tokens, fire, network } = fakeClient();
    const session = trackSession(client);
    tokens.install(token({ kind: 'user', sub: 'usr_ada', le: 'le_1', uid: 'ada' }), { origin: HOST });
    fire('tokenAccepted');
    network(false);
    expect(session.get()).toEqual({
      status: 'offline',
      session: { status: 'signed-in', userId: 'ada', canSave: true },
    });
    // A renewal that starts meanwhile is what the calls will wait for once back.
    fire('refreshStart', { early: false });
    expect(session.get()).toEqual({
      status: 'offline',
      session: { status: 'refreshing', previous: 'signed-in' },
    });
    fire('refreshSuccess');
    network(true);
    expect(session.get()).toEqual({ status: 'signed-in', userId: 'ada', canSave: true });
    expect(session.owner()).toBe('user:le_1:usr_ada');
  });
  it('says why a renewal failed, and that an unregistered page is refused, as codes the UI words', () => {
    const { client, fire } = fakeClient();
    const session = trackSession(client);
    // The host's own message is for its developers: it never reaches the state.
    fire('tokenUnavailable', { message: 'token endpoint answered 502 (internal)' });
    expect(session.get()).toEqual({ status: 'renew-failed', reason: 'HOST_UNAVAILABLE' });
    fire('refreshTimeout');
    expect(session.get()).toEqual({ status: 'renew-failed', reason: 'HOST_TIMEOUT' });
    fire('refreshFailure', { code: 'REFRESH_LIMITED' });
    expect(session.get()).toEqual({ status: 'renew-failed', reason: 'REFRESH_LIMITED' });
    fire('refreshFailure', { code: 'TOKEN_REJECTED' });
    expect(session.get()).toEqual({ status: 'renew-failed', reason: 'SESSION_ENDED' });
    // A refusal after the host is known is one bad token, not a bad embed.
    fire('tokenRefused', { pinned: true, reason: 'origin_not_allowed' });
    expect(session.get().status).toBe('renew-failed');
    fire('tokenRefused', { pinned: false, reason: 'origin_not_allowed' });
    expect(session.get()).toEqual({ status: 'refused' });
  });
});
