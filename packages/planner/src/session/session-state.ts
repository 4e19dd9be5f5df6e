import { msg } from '@lit/localize';
import type { TokenRecord } from '@planner/api-client';
import type { PlannerClient } from '@planner/api-client/bridge';
import { canWrite } from '@planner/contract';
import type { SessionState } from '../services.ts';

/**
 * Who owns the drafts shown under this token: the visitor of a legal entity, or one of its
 * users (`sub` is the platform's id of the user within it). The bridge installs only tokens
 * the platform signed, so this is proven, not claimed. Components are URI-encoded so no id
 * can pass for another's.
 */
export function draftOwner(record: TokenRecord | undefined): string | null {
  if (!record) return null;
  const le = encodeURIComponent(record.claims.le);
  return record.kind === 'user' ? `user:${le}:${encodeURIComponent(record.claims.sub)}` : `visitor:${le}`;
}

type OnlineSession = Exclude<SessionState, { status: 'offline' }>;

/**
 * Derives what the session badge shows from the client's token, queue and bridge events.
 * One place decides, so the UI never has to reason about tokens. Offline is the queue's word
 * (`online`, `networkChange`): its calls wait for the network, and the state says which
 * session they will go out with.
 */
export function trackSession(client: PlannerClient) {
  let state: SessionState = { status: 'connecting' };
  let signedIn: OnlineSession = { status: 'connecting' };
  const listeners = new Set<(s: SessionState) => void>();
  const set = (next: OnlineSession) => {
    state = client.queue.online ? next : { status: 'offline', session: next };
    for (const listener of listeners) listener(state);
  };
  const fromToken = (): OnlineSession => {
    const record = client.tokens.current;
    if (!record) return { status: 'connecting' };
    if (record.kind === 'user') {
      return {
        status: 'signed-in',
        userId: record.claims.uid ?? record.claims.sub,
        canSave: canWrite(record.claims.scope),
      };
    }
    return { status: 'visitor' };
  };
  const settle = () => {
    signedIn = fromToken();
    set(signedIn);
  };
  const online = (): OnlineSession => (state.status === 'offline' ? (state.session ?? signedIn) : state);

  client.bridge.on('tokenAccepted', settle);
  client.bridge.on('loggedOut', () => set({ status: 'connecting' }));
  client.bridge.on('tokenRefused', (e) => {
    // Only before the host is known: later refusals are one bad token, not a bad embed.
    if (!e.pinned && e.reason === 'origin_not_allowed') {
      set({ status: 'refused' });
    }
  });
  // The host's own message is for its developers (and in its language): the code is enough.
  client.bridge.on('tokenUnavailable', () => set({ status: 'renew-failed', reason: 'HOST_UNAVAILABLE' }));
  client.queue.on('refreshStart', (e) => {
    if (e.early) return; // calls keep flowing: nothing for the user to notice
    const previous = online().status === 'signed-in' ? 'signed-in' : 'visitor';
    set({ status: 'refreshing', previous });
  });
  client.queue.on('refreshSuccess', settle);
  client.queue.on('refreshTimeout', () => set({ status: 'renew-failed', reason: 'HOST_TIMEOUT' }));
  client.queue.on('refreshFailure', (e) =>
    set({
      status: 'renew-failed',
      reason: e.code === 'REFRESH_LIMITED' ? 'REFRESH_LIMITED' : 'SESSION_ENDED',
    }),
  );
  client.queue.on('networkChange', () => set(online()));

  return {
    get: () => state,
    subscribe(listener: (s: SessionState) => void) {
      listeners.add(listener);
      listener(state);
      return () => listeners.delete(listener);
    },
    retry() {
      client.queue.check();
    },
    owner: () => draftOwner(client.tokens.current),
  };
}
