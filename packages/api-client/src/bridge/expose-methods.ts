import { type Endpoint, expose } from 'comlink';

/**
 * Exposes an object's methods, and nothing else, over a MessagePort with comlink.
 *
 * `Comlink.expose(api, port)` alone lets the other side walk any property path: it could
 * `GET` fields, `SET` them, or reach `Function` through `['save', 'constructor']` and
 * `CONSTRUCT` code that runs in the planner's origin, which every embedding site shares
 * (and with it the drafts other sites' visitors keep there). The pinned host is trusted
 * with tokens for its own legal entity, not with that. So comlink gets a null-prototype
 * facade holding only the API's methods, behind an endpoint that lets through only calls of
 * one of those methods by name (and `RELEASE`); anything else is turned into a call that
 * throws, so the caller gets a rejected promise instead of hanging.
 */
export function exposeMethods(api: object, port: MessagePort): void {
  const names = methodNames(api);
  const denied = `__denied_${Math.random().toString(36).slice(2)}`;
  const facade: Record<string, (...args: unknown[]) => unknown> = Object.create(null);
  for (const name of names) {
    facade[name] = (...args) => (api as Record<string, (...a: unknown[]) => unknown>)[name]!(...args);
  }
  facade[denied] = () => {
    throw new Error('Only the methods of the planner API can be called.');
  };

  const allowed = (data: unknown): unknown => {
    if (typeof data !== 'object' || data === null) return data;
    const message = data as { id?: unknown; type?: unknown; path?: unknown };
    if (message.type === 'RELEASE') return { id: message.id, type: 'RELEASE', path: [] };
    const path = message.path;
    const callsAMethod =
      message.type === 'APPLY' &&
      Array.isArray(path) &&
      path.length === 1 &&
      typeof path[0] === 'string' &&
      names.has(path[0]);
    return callsAMethod ? data : { id: message.id, type: 'APPLY', path: [denied], argumentList: [] };
  };

  const wrapped = new Map<EventListenerOrEventListenerObject, (event: Event) => void>();
  const endpoint: Endpoint = {
    postMessage: (message: unknown, transfer?: Transferable[]) => port.postMessage(message, transfer ?? []),
    addEventListener(type, listener) {
      const filtered = (event: Event) => {
        const { data, origin } = event as MessageEvent;
        const safe = { data: allowed(data), origin } as MessageEvent;
        if (typeof listener === 'function') listener(safe);
        else listener.handleEvent(safe);
      };
      wrapped.set(listener, filtered);
      port.addEventListener(type as 'message', filtered);
    },
    removeEventListener(type, listener) {
      const filtered = wrapped.get(listener);
      if (filtered) port.removeEventListener(type as 'message', filtered);
      wrapped.delete(listener);
    },
    start: () => port.start(),
  };
  expose(facade, endpoint);
}

/** Own and inherited methods, short of `Object.prototype`; not `constructor`, not `_private`. */
function methodNames(api: object): Set<string> {
  const names = new Set<string>();
  for (let o: object | null = api; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const name of Object.getOwnPropertyNames(o)) {
      const descriptor = Object.getOwnPropertyDescriptor(o, name);
      if (name !== 'constructor' && !name.startsWith('_') && typeof descriptor?.value === 'function') {
        names.add(name);
      }
    }
  }
  return names;
}
