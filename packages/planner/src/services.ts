import type { WebServices } from '@planner/api-client';
import type { AnalyticsEvent, BasketMessage } from '@planner/protocol';
import type { RenewFailure } from './text/session-text.ts';

/**
 * Everything the planner UI needs from the outside world: the platform's web services
 * (the api-client's typed calls, as they are) plus the host and session. `main.ts`
 * implements it with the api-client and the bridge to the host page; tests implement it
 * with fakes. The UI never touches fetch, postMessage or tokens.
 */
export interface PlannerServices extends WebServices {
  /** Absolute URL of a catalog item's SVG symbol (`symbol_url` is relative to the API). */
  symbolUrl(relative: string): string;

  /** The session as the UI should show it; `subscribe` calls back at once and on every change. */
  session: {
    get(): SessionState;
    subscribe(listener: (state: SessionState) => void): () => void;
    /** After "session could not be renewed": ask the host for a token again. */
    retry(): void;
    /**
     * Whose drafts are shown: `visitor:<le>` or `user:<le>:<sub>` from the verified token
     * held, null without one (connecting, or just after `Logout`). See `draftOwner`.
     */
    owner(): string | null;
  };

  /** Tell the host that a visitor tried to do something that needs a login (LoginRequired). */
  requestLogin(reason: string): void;
  /** Tell the host a project was saved (RPC event `projectSaved`). */
  projectSaved(project: { id: string; name: string; version: number }): void;
  /** Tell the host the planner's content height, for auto-resize. */
  reportHeight(height: number): void;
  /**
   * Hand the shopping list to the host's basket (a `Basket` message, validated first);
   * resolves false when it could not go (refused by the validator, or no host yet).
   */
  requestBasket(basket: Omit<BasketMessage, 'ns' | 'v' | 'type'>): Promise<boolean>;
  /** One analytics event for the host (an `Analytics` message; only its allow-listed fields go). */
  track(event: AnalyticsEvent): void;
}

export type SessionState =
  /** Waiting for the host's first token. */
  | { status: 'connecting' }
  /** A legal-entity token: can design, cannot save. */
  | { status: 'visitor' }
  /** A user token. `canSave` is false for a read-only user token. */
  | { status: 'signed-in'; userId: string; canSave: boolean }
  /** A token expired and the host was asked for a new one; calls are held. */
  | { status: 'refreshing'; previous: 'visitor' | 'signed-in' }
  /** The host could not give a new token (provider failed, time-out): why, as a code. */
  | { status: 'renew-failed'; reason: RenewFailure }
  /**
   * The browser is offline: calls wait for the network (within their deadline). `session` is
   * the state they will go out in, when known.
   */
  | { status: 'offline'; session?: Exclude<SessionState, { status: 'offline' }> }
  /** This page is not allowed to embed the planner (token from an unregistered origin). */
  | { status: 'refused' };

/**
 * What the host page may call over the RPC channel: the protocol's `PlannerApi`
 * (openProject and newProject resolve with the project as loaded).
 */
export type { PlannerApi as PlannerCommands, ProjectSnapshot, SavedProject } from '@planner/protocol';
