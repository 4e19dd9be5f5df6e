/**
 * A small typed event emitter. `M` maps each event type to its payload; listeners receive
 * the payload with its `type` added. A throwing listener never breaks the emitter's owner
 * (the request queue must keep its state consistent whatever an observer does): the error is
 * handed to `reportError` where the platform has one, so it still shows in the console.
 */
export type EventOf<M, K extends keyof M> = M[K] & { type: K };
export type Listener<M, K extends keyof M> = (event: EventOf<M, K>) => void;
export type AnyListener<M> = (event: { [K in keyof M]: EventOf<M, K> }[keyof M]) => void;

export interface Observable<M> {
  /** Listens to one event type; returns a function that stops listening. */
  on<K extends keyof M>(type: K, listener: Listener<M, K>): () => void;
  /** Listens to every event (for logs and metrics); returns a function that stops listening. */
  onAny(listener: AnyListener<M>): () => void;
}

export class Emitter<M> implements Observable<M> {
  private readonly listeners = new Map<keyof M, Set<(event: never) => void>>();
  private readonly anyListeners = new Set<AnyListener<M>>();

  on<K extends keyof M>(type: K, listener: Listener<M, K>): () => void {
    let set = this.listeners.get(type);
    if (!set) {
      set = new Set();
      this.listeners.set(type, set);
    }
    set.add(listener as (event: never) => void);
    return () => set.delete(listener as (event: never) => void);
  }

  onAny(listener: AnyListener<M>): () => void {
    this.anyListeners.add(listener);
    return () => this.anyListeners.delete(listener);
  }

  emit<K extends keyof M>(type: K, payload: M[K]): void {
    const event = { ...payload, type } as EventOf<M, K>;
    for (const listener of [...(this.listeners.get(type) ?? [])]) {
      safely(() => (listener as Listener<M, K>)(event));
    }
    for (const listener of [...this.anyListeners]) {
      safely(() => (listener as (event: EventOf<M, K>) => void)(event));
    }
  }

  clear(): void {
    this.listeners.clear();
    this.anyListeners.clear();
  }
}

function safely(run: () => void): void {
  try {
    run();
  } catch (error) {
    const report = (globalThis as { reportError?: (error: unknown) => void }).reportError;
    report?.(error);
  }
}
