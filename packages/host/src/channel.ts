import type { PlannerApi } from '@planner/protocol';
import { type EmbedError, stopper } from './errors.ts';

/**
 * The two `MessageChannel`s of one connection to one planner instance: `rpc` for calls,
 * `events` for what the planner reports. We keep `port1` of each and hand the `port2`s to the
 * planner in `Connect`. Calls made before that are queued by the port itself.
 */
export interface Channel {
  /** `[rpc, events]`, to transfer with the `Connect` message. */
  ports: [MessagePort, MessagePort];
  /** Whether `Connect` has gone out with these ports. */
  sent?: boolean;
  /** Whether the planner has spoken on the events port (it runs the SDK bridge). */
  heard?: boolean;
  /** The planner page load these ports went to (`Ready.instance`). */
  instance?: string | undefined;
  call<K extends keyof PlannerApi>(name: K, args: Parameters<PlannerApi[K]>): ReturnType<PlannerApi[K]>;
  /** Closes our ports and rejects every call still waiting for an answer with `reason`. */
  close(reason: EmbedError): void;
}

/**
 * An answer on the rpc port, in comlink's wire format: `RAW`, the method's return value, or
 * `HANDLER` from comlink's `throw` handler, what it threw (an `Error` sent as its `message`,
 * `name` and `stack`). Comlink's other handler, `proxy`, never answers: the API returns data.
 */
interface Answer {
  id: number;
  type: 'RAW' | 'HANDLER';
  value: unknown;
}
interface Thrown {
  isError: boolean;
  value: unknown;
}

/**
 * The planner serves `PlannerApi` with `Comlink.expose` behind a filter that lets through
 * only calls of its methods by name (`exposeMethods` in `@planner/api-client`). This is the
 * matching caller: comlink's `APPLY` request with `RAW` arguments, its answers, nothing else.
 * Not `Comlink.wrap`: it keeps the whole of comlink in the bundle (its transfer handlers hold
 * on to `expose`), 1.7 kB of the page's 4 kB budget for property access, constructors and
 * proxied callbacks that neither side allows. The wire format is comlink 4's, which the
 * planner pins; `connect.test.ts` runs these calls against the real `Comlink.expose`.
 */
export function openChannel(onEvent: (event: MessageEvent) => void): Channel {
  const rpc = new MessageChannel();
  const events = new MessageChannel();
  const waiting = new Map<number, [resolve: (value: unknown) => void, reject: (error: unknown) => void]>();
  let lastId = 0;
  rpc.port1.onmessage = ({ data }: MessageEvent<Answer | undefined>) => {
    const settle = waiting.get(data?.id as number);
    if (!settle) return;
    waiting.delete(data!.id);
    const { type, value } = data!;
    if (type === 'RAW') return settle[0](value);
    // Rebuilt as comlink rebuilds it: an `Error` with the remote `name`, `message` and `stack`.
    const thrown = value as Thrown | undefined;
    const error = thrown?.value as Error;
    settle[1](thrown?.isError ? Object.assign(new Error(error.message), error) : error);
  };
  events.port1.onmessage = onEvent;
  // A call whose answer cannot come any more (the planner reloaded, or we were destroyed)
  // would wait forever: `close()` rejects it.
  const [unlessClosed, abandon] = stopper();
  return {
    ports: [rpc.port2, events.port2],
    call: (name, args) =>
      unlessClosed(
        new Promise((...settle) => {
          // Posted first: arguments that cannot be cloned throw here, and leave nothing waiting.
          rpc.port1.postMessage({
            id: ++lastId,
            type: 'APPLY',
            path: [name],
            argumentList: args.map((value) => ({ type: 'RAW', value })),
          });
          waiting.set(lastId, settle);
        }),
      ) as never,
    close(reason) {
      abandon(reason);
      rpc.port1.close();
      events.port1.close();
    },
  };
}
