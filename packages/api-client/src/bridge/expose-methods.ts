/**
 * Answers the host's calls of an object's methods, and nothing else, over a MessagePort, in
 * comlink's wire format (the host SDK `Comlink.wrap`s the port).
 *
 * `Comlink.expose(api, port)` would let the other side walk any property path: `GET` fields,
 * `SET` them, or reach `Function` through `['save', 'constructor']` and `CONSTRUCT` code that
 * runs in the planner's origin, which every embedding site shares (and with it the drafts
 * other sites' visitors keep there). The pinned host is trusted with tokens for its own legal
 * entity, not with that. So this side speaks only the two messages the planner needs, and
 * answers every other one with a thrown error, so the caller gets a rejected promise instead
 * of hanging:
 *
 * - `APPLY` of one of the API's methods by name (`path: [name]`), with plain (`RAW`)
 *   arguments: no callbacks (comlink's `proxy` handler), which no method of `PlannerApi` takes;
 * - `RELEASE`, after which the port is closed.
 *
 * (comlink's own `expose` behind a filtering endpoint did the same in ≈ 2 kB more of the
 * first paint: it brings comlink's proxy and transfer machinery, which this side never uses.)
 */
export function exposeMethods(api: object, port: MessagePort): void {
  const names = methodNames(api);
  const call = (name: string, args: unknown[]) =>
    (api as Record<string, (...a: unknown[]) => unknown>)[name]!(...args);

  const onMessage = async ({ data }: MessageEvent) => {
    if (typeof data !== 'object' || data === null) return;
    const { id, type, path, argumentList } = data as Record<string, unknown>;
    if (type === 'RELEASE') {
      port.postMessage({ id, type: 'RAW', value: undefined });
      port.removeEventListener('message', onMessage);
      port.close();
      return;
    }
    let answer: WireValue;
    try {
      const name = Array.isArray(path) && path.length === 1 ? path[0] : undefined;
      const args = Array.isArray(argumentList) ? argumentList : [];
      if (type !== 'APPLY' || typeof name !== 'string' || !names.has(name) || !args.every(isRaw)) {
        throw new Error('Only the methods of the planner API can be called.');
      }
      answer = {
        type: 'RAW',
        value: await call(
          name,
          args.map((arg) => arg.value),
        ),
      };
    } catch (error) {
      answer = thrown(error);
    }
    try {
      port.postMessage({ ...answer, id });
    } catch {
      // The structured clone refused the value (a function, a DOM node).
      port.postMessage({ ...thrown(new TypeError('Unserializable return value')), id });
    }
  };
  port.addEventListener('message', onMessage);
  port.start();
}

/** comlink's `WireValue`: a plain value, or a value for one of its handlers (here `throw`). */
type WireValue = { type: 'RAW'; value: unknown } | { type: 'HANDLER'; name: 'throw'; value: unknown };

const isRaw = (arg: unknown): arg is { type: 'RAW'; value: unknown } =>
  typeof arg === 'object' && arg !== null && (arg as { type?: unknown }).type === 'RAW';

/** As comlink's `throw` handler serializes it; its `wrap` rethrows an `Error` from it. */
function thrown(error: unknown): WireValue {
  const value =
    error instanceof Error
      ? { isError: true, value: { message: error.message, name: error.name, stack: error.stack } }
      : { isError: false, value: error };
  return { type: 'HANDLER', name: 'throw', value };
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
