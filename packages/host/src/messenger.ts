import {
  type DebugHook,
  type HostToPlannerMessage,
  type PlannerToHostMessage,
  parsePlannerMessage,
} from '@planner/protocol';

/**
 * The transport under the handshake: the seam that lets the handshake be tested against a
 * fake. Only validated planner messages come out of it.
 */
export interface Messenger {
  /** Posts to the planner, and to the planner's origin only. */
  send(message: HostToPlannerMessage, transfer?: Transferable[]): void;
  /** Subscribes to valid messages from our planner; returns the unsubscribe function. */
  listen(handler: (message: PlannerToHostMessage) => void): () => void;
}

/**
 * Talks to one planner iframe through `window.postMessage`. A message counts only when it
 * comes from this iframe's window (so several planners on a page never cross), from the
 * planner's exact origin (so a frame navigated elsewhere is not trusted) and passes the
 * protocol's validator.
 */
export const windowMessenger = (iframe: HTMLIFrameElement, origin: string, debug?: DebugHook): Messenger => ({
  send: (message, transfer) => iframe.contentWindow?.postMessage(message, origin, transfer),
  listen(handler) {
    const onMessage = (event: MessageEvent) => {
      // A detached iframe has no window: then nothing is ours (not even a forged `source: null`).
      const planner = iframe.contentWindow;
      if (!planner || event.source !== planner) return;
      // Our own frame, yet another origin: worth telling the developer (wrong `url`, redirect).
      if (event.origin !== origin) return debug?.('foreign', event.data);
      const message = parsePlannerMessage(event.data, debug);
      if (message) handler(message);
    };
    addEventListener('message', onMessage);
    return () => removeEventListener('message', onMessage);
  },
});
