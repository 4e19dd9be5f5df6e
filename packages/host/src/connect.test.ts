import {
  type ErrorMessage,
  type HostToPlannerMessage,
  type LoginRequiredMessage,
  message,
  type PlannerApi,
  type PlannerToHostMessage,
  type ProjectSnapshot,
  type ReadyMessage,
  type TokenExpiredMessage,
} from '@planner/protocol';
import { expose } from 'comlink';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connect, type PlannerConnection, type TokenProvider, type TraceHook } from './connect.ts';
import { EmbedError } from './errors.ts';
import type { Messenger } from './messenger.ts';
import { TOKEN_BACKOFF_MS } from './retry.ts';
import { jwt, settle } from './testing/fakeDom.ts';

const LEGAL = jwt('legal_entity');
const USER = jwt('user', { uid: 'shopper-42' });

const ready = message<ReadyMessage>('Ready', { planner: '0.1.0' });
const tokenExpired = message<TokenExpiredMessage>('TokenExpired', { reason: 'expired' });

/** The planner's side of the transport: what the host posted, and a way to answer. */
function fakeMessenger() {
  const sent: { message: HostToPlannerMessage; transfer?: Transferable[] | undefined }[] = [];
  let handler: ((message: PlannerToHostMessage) => void) | undefined;
  const messenger: Messenger = {
    send: (message, transfer) => {
      sent.push({ message, transfer });
    },
    listen(listener) {
      handler = listener;
      return () => {
        handler = undefined;
      };
    },
  };
  return {
    messenger,
    sent,
    types: () => sent.map((entry) => entry.message.type),
    tokens: () => sent.flatMap((entry) => ('token' in entry.message ? [entry.message.token] : [])),
    /** The `[rpc, events]` ports of the n-th `Connect`. */
    ports: (n = 0) => sent.filter((entry) => entry.message.type === 'Connect')[n]?.transfer as MessagePort[],
    receive: (planner: PlannerToHostMessage) => handler?.(planner),
    isListening: () => handler !== undefined,
  };
}

/** A token provider whose answers the test hands out one by one. */
function controlledProvider() {
  const calls: { resolve: (token: string) => void; reject: (error: Error) => void }[] = [];
  const provider = vi.fn<TokenProvider>(
    () =>
      new Promise<string>((resolve, reject) => {
        calls.push({ resolve, reject });
      }),
  );
  return { provider, calls };
}

const snapshot: ProjectSnapshot = {
  id: null,
  name: 'Living room',
  room: { width_cm: 400, depth_cm: 300, unit: 'cm' },
  items: [],
};

/** A planner-side API on the rpc port, as the planner's bridge exposes it. */
function exposeApi(port: MessagePort, overrides: Partial<PlannerApi> = {}) {
  const api: PlannerApi = {
    openProject: async (id) => ({ ...snapshot, id }),
    newProject: async () => snapshot,
    getProject: async () => snapshot,
    saveProject: async () => ({ id: 'p1', name: 'Living room', version: 1 }),
    addItem: async () => snapshot,
    ...overrides,
  };
  expose(api, port);
}

let connections: PlannerConnection[] = [];
function start(
  token: TokenProvider,
  options: { readyTimeout?: number; tokenTimeout?: number; trace?: TraceHook } = {},
) {
  const fake = fakeMessenger();
  const debug = vi.fn();
  const connection = connect(fake.messenger, { token, debug, ...options });
  connections.push(connection);
  return { ...fake, connection, debug };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});

afterEach(() => {
  for (const connection of connections) connection.destroy(); // closes the ports
  connections = [];
  vi.useRealTimers();
});

describe('handshake', () => {
  it('waits for Ready, then sends the token as Authentication, then Connect with two ports', async () => {
    const token = vi.fn(async () => LEGAL);
    const planner = start(token);

    await settle();
    expect(token).not.toHaveBeenCalled();
    expect(planner.sent).toEqual([]);

    planner.receive(ready);
    const api = await planner.connection.ready;

    expect(planner.types()).toEqual(['Authentication', 'Connect']);
    expect(planner.tokens()).toEqual([LEGAL]);
    const ports = planner.ports();
    expect(ports).toHaveLength(2);
    expect(ports.every((port) => port instanceof MessagePort)).toBe(true);
    expect(Object.keys(api).sort()).toEqual([
      'addItem',
      'getProject',
      'newProject',
      'openProject',
      'saveProject',
    ]);
  });

  it('sends a user token as Login', async () => {
    const planner = start(async () => USER);
    planner.receive(ready);
    await planner.connection.ready;

    expect(planner.types()).toEqual(['Login', 'Connect']);
    expect(planner.tokens()).toEqual([USER]);
  });

  it('rejects ready with READY_TIMEOUT, and emits it, when no Ready comes in time', async () => {
    const planner = start(async () => LEGAL, { readyTimeout: 5000 });
    const errors: unknown[] = [];
    planner.connection.on('error', (event) => errors.push(event.detail));
    const outcome = planner.connection.ready.catch((error: unknown) => error);

    await vi.advanceTimersByTimeAsync(4999);
    expect(errors).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);

    const error = await outcome;
    expect(error).toBeInstanceOf(EmbedError);
    expect(error).toMatchObject({ code: 'READY_TIMEOUT', name: 'EmbedError' });
    expect(errors).toEqual([error]);
  });

  it('shares one provider call among the Ready repeats of a planner waiting for its token', async () => {
    const { provider, calls } = controlledProvider();
    const planner = start(provider);

    planner.receive(ready);
    planner.receive(ready);
    planner.receive(ready);
    await settle();
    expect(provider).toHaveBeenCalledTimes(1);

    calls[0]?.resolve(LEGAL);
    await planner.connection.ready;
    expect(planner.types()).toEqual(['Authentication', 'Connect']);
  });

  it('runs a fresh handshake with new ports when the planner reloads', async () => {
    const planner = start(async () => LEGAL);
    planner.receive(ready);
    const api = await planner.connection.ready;
    const [firstRpc] = planner.ports(0);
    // The first planner instance goes away before answering.
    const inFlight = api.getProject().catch((error: unknown) => error);

    planner.receive(ready);
    await settle();

    expect(planner.types()).toEqual(['Authentication', 'Connect', 'Authentication', 'Connect']);
    const [secondRpc] = planner.ports(1);
    expect(secondRpc).not.toBe(firstRpc);
    expect(await inFlight).toMatchObject({ code: 'DISCONNECTED' });

    // The same API object now talks to the reloaded planner.
    exposeApi(secondRpc!);
    await expect(api.getProject()).resolves.toEqual(snapshot);
  });

  it('keeps the channel when a Ready of the same page load crossed its token, and reconnects on a new one', async () => {
    const first = message<ReadyMessage>('Ready', { planner: '0.1.0', instance: 'load-1' });
    const planner = start(async () => LEGAL);
    planner.receive(first);
    const api = await planner.connection.ready;
    const [rpc] = planner.ports(0);
    exposeApi(rpc!);

    planner.receive(first); // a repeat sent before our token arrived
    await settle();
    expect(planner.types()).toEqual(['Authentication', 'Connect', 'Authentication']);
    await expect(api.getProject()).resolves.toEqual(snapshot);

    planner.receive(message<ReadyMessage>('Ready', { planner: '0.1.0', instance: 'load-2' }));
    await settle();
    expect(planner.types()).toEqual([
      'Authentication',
      'Connect',
      'Authentication',
      'Authentication',
      'Connect',
    ]);
  });
});

describe('TokenExpired', () => {
  it('answers with one provider call shared by every TokenExpired while it runs', async () => {
    const { provider, calls } = controlledProvider();
    const planner = start(provider);
    planner.receive(ready);
    calls[0]?.resolve(LEGAL);
    await planner.connection.ready;

    planner.receive(tokenExpired);
    planner.receive(tokenExpired);
    planner.receive(
      message<TokenExpiredMessage>('TokenExpired', { reason: 'rejected', kind: 'legal_entity' }),
    );
    await settle();
    expect(provider).toHaveBeenCalledTimes(2);

    calls[1]?.resolve(USER);
    await settle();
    // Sent as what it is now: the user logged in on the host meanwhile.
    expect(planner.types()).toEqual(['Authentication', 'Connect', 'Login']);
    expect(planner.tokens()).toEqual([LEGAL, USER]);
  });

  it('asks the provider again for a TokenExpired after the previous one was answered', async () => {
    const token = vi.fn(async () => LEGAL);
    const planner = start(token);
    planner.receive(ready);
    await planner.connection.ready;

    planner.receive(tokenExpired);
    await settle();
    planner.receive(tokenExpired);
    await settle();

    expect(token).toHaveBeenCalledTimes(3);
    expect(planner.types()).toEqual(['Authentication', 'Connect', 'Authentication', 'Authentication']);
  });
});

describe('a failing token provider', () => {
  it('is retried with exponential back-off, then reported to both sides', async () => {
    const failure = new Error('shop back-end down');
    const token = vi.fn(async (): Promise<string> => {
      throw failure;
    });
    const planner = start(token);
    const errors: unknown[] = [];
    planner.connection.on('error', (event) => errors.push(event.detail));

    planner.receive(ready);
    await settle();
    expect(token).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(TOKEN_BACKOFF_MS - 1);
    expect(token).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(token).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(2 * TOKEN_BACKOFF_MS - 1);
    expect(token).toHaveBeenCalledTimes(2);
    expect(errors).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);

    expect(token).toHaveBeenCalledTimes(3);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'TOKEN_PROVIDER_FAILED', cause: failure });
    expect(planner.sent.map((entry) => entry.message)).toEqual([
      { ns: 'planner', v: 1, type: 'Error', code: 'token_unavailable', message: expect.any(String) },
    ]);
  });

  it('times out an attempt that hangs', async () => {
    const { provider } = controlledProvider(); // never answers
    const planner = start(provider, { tokenTimeout: 1000 });
    const errors: unknown[] = [];
    planner.connection.on('error', (event) => errors.push(event.detail));

    planner.receive(ready);
    await vi.advanceTimersByTimeAsync(1000 + TOKEN_BACKOFF_MS + 1000 + 2 * TOKEN_BACKOFF_MS + 1000);

    expect(provider).toHaveBeenCalledTimes(3);
    expect(errors[0]).toMatchObject({
      code: 'TOKEN_PROVIDER_FAILED',
      cause: expect.objectContaining({ code: 'TOKEN_PROVIDER_TIMEOUT' }),
    });
  });

  it('counts an answer that is not a planner token as a failed attempt', async () => {
    const token = vi.fn(async () => 'not-a-jwt');
    const planner = start(token);
    const errors: unknown[] = [];
    planner.connection.on('error', (event) => errors.push(event.detail));

    planner.receive(ready);
    await vi.advanceTimersByTimeAsync(3 * TOKEN_BACKOFF_MS);

    expect(token).toHaveBeenCalledTimes(3);
    expect(errors[0]).toMatchObject({ cause: expect.objectContaining({ code: 'INVALID_TOKEN' }) });
    expect(planner.tokens()).toEqual([]);
  });

  it('recovers when a retry succeeds, with no error reported', async () => {
    const token = vi.fn<TokenProvider>().mockRejectedValueOnce(new Error('blip')).mockResolvedValue(LEGAL);
    const planner = start(token);
    const errors: unknown[] = [];
    planner.connection.on('error', (event) => errors.push(event.detail));

    planner.receive(ready);
    await vi.advanceTimersByTimeAsync(TOKEN_BACKOFF_MS);
    await planner.connection.ready;

    expect(errors).toEqual([]);
    expect(planner.types()).toEqual(['Authentication', 'Connect']);
  });

  it("keeps ready pending, and connects on the planner's next Ready once the provider recovers", async () => {
    let down = true;
    const planner = start(async () => {
      if (down) throw new Error('down');
      return LEGAL;
    });
    let connected = false;
    void planner.connection.ready.then(() => {
      connected = true;
    });

    planner.receive(ready);
    await vi.advanceTimersByTimeAsync(3 * TOKEN_BACKOFF_MS);
    expect(planner.types()).toEqual(['Error']);
    expect(connected).toBe(false);

    down = false;
    planner.receive(ready); // the planner repeats Ready until it has a token
    await planner.connection.ready;
    expect(planner.types()).toEqual(['Error', 'Authentication', 'Connect']);
  });
});

describe('login and logout', () => {
  it('login(token) sends that token as Login', async () => {
    const planner = start(async () => LEGAL);
    planner.receive(ready);
    await planner.connection.ready;

    await planner.connection.login(USER);

    expect(planner.types()).toEqual(['Authentication', 'Connect', 'Login']);
    expect(planner.tokens().at(-1)).toBe(USER);
  });

  it('login() without a token asks the provider', async () => {
    const token = vi.fn<TokenProvider>().mockResolvedValueOnce(LEGAL).mockResolvedValueOnce(USER);
    const planner = start(token);
    planner.receive(ready);
    await planner.connection.ready;

    await planner.connection.login();

    expect(planner.types()).toEqual(['Authentication', 'Connect', 'Login']);
  });

  it('login() waits for the handshake', async () => {
    const planner = start(async () => LEGAL);
    const login = planner.connection.login(USER);
    await settle();
    expect(planner.sent).toEqual([]);

    planner.receive(ready);
    await login;
    expect(planner.types()).toEqual(['Authentication', 'Connect', 'Login']);
  });

  it('login rejects a malformed token with INVALID_TOKEN, which does not contain it', async () => {
    const planner = start(async () => LEGAL);
    planner.receive(ready);
    await planner.connection.ready;
    const secretLooking = `${jwt('admin')}`;

    const error = (await planner.connection.login(secretLooking).catch((e: unknown) => e)) as EmbedError;

    expect(error.code).toBe('INVALID_TOKEN');
    expect(error.message).not.toContain(secretLooking);
    expect(planner.types()).toEqual(['Authentication', 'Connect']);
  });

  it('logout() sends Logout, then a fresh token from the provider', async () => {
    const token = vi.fn<TokenProvider>().mockResolvedValueOnce(USER).mockResolvedValueOnce(LEGAL);
    const planner = start(token);
    planner.receive(ready);
    await planner.connection.ready;

    await planner.connection.logout();

    expect(planner.types()).toEqual(['Login', 'Connect', 'Logout', 'Authentication']);
  });

  it('supersedes a refresh in flight: its stale answer is never posted', async () => {
    const { provider, calls } = controlledProvider();
    const planner = start(provider);
    planner.receive(ready);
    calls[0]?.resolve(LEGAL);
    await planner.connection.ready;

    planner.receive(tokenExpired); // provider call 2, started before the user logged in
    await settle();
    const login = planner.connection.login(); // provider call 3
    await settle();
    calls[2]?.resolve(USER);
    await login;
    calls[1]?.resolve(LEGAL);
    await settle();

    expect(planner.types()).toEqual(['Authentication', 'Connect', 'Login']);

    // A later TokenExpired starts a new call rather than joining the stale one.
    planner.receive(tokenExpired);
    await settle();
    expect(provider).toHaveBeenCalledTimes(4);
  });
});

describe('RPC', () => {
  it('calls the planner over the rpc port and passes its answers and errors through', async () => {
    const planner = start(async () => LEGAL);
    planner.receive(ready);
    const api = await planner.connection.ready;
    exposeApi(planner.ports()[0]!, {
      saveProject: async () => {
        throw new Error('Log in to save');
      },
    });

    await expect(api.openProject('p7')).resolves.toEqual({ ...snapshot, id: 'p7' });
    await expect(api.saveProject()).rejects.toThrow('Log in to save');
  });

  it("sends comlink's APPLY of one method by name with RAW arguments, as the planner's filter requires", async () => {
    const planner = start(async () => LEGAL);
    planner.receive(ready);
    const api = await planner.connection.ready;
    const [rpc] = planner.ports();
    const requests: unknown[] = [];
    rpc!.onmessage = ({ data }) => requests.push(data);

    api.openProject('p7').catch(() => {}); // never answered: DESTROYED after the test
    await vi.waitFor(() => expect(requests).toHaveLength(1));

    expect(requests[0]).toEqual({
      id: expect.anything(),
      type: 'APPLY',
      path: ['openProject'],
      argumentList: [{ type: 'RAW', value: 'p7' }],
    });
  });

  it('matches answers to calls by id, in whatever order they come, and ignores strays', async () => {
    const planner = start(async () => LEGAL);
    planner.receive(ready);
    const api = await planner.connection.ready;
    const [rpc] = planner.ports();
    const requests: { id: unknown; path: string[] }[] = [];
    rpc!.onmessage = ({ data }) => requests.push(data);

    const first = api.getProject();
    const second = api.saveProject();
    await vi.waitFor(() => expect(requests).toHaveLength(2));
    rpc!.postMessage(null);
    rpc!.postMessage({ id: 'not ours', type: 'RAW', value: 'stray' });
    rpc!.postMessage({ id: requests[1]!.id, type: 'RAW', value: { id: 'p1', name: 'Den', version: 2 } });
    rpc!.postMessage({ id: requests[0]!.id, type: 'RAW', value: snapshot });
    rpc!.postMessage({ id: requests[0]!.id, type: 'RAW', value: 'answered twice' });

    await expect(second).resolves.toEqual({ id: 'p1', name: 'Den', version: 2 });
    await expect(first).resolves.toEqual(snapshot);
  });

  it('rebuilds a thrown Error with its name, as comlink does, and passes other thrown values as they are', async () => {
    const planner = start(async () => LEGAL);
    planner.receive(ready);
    const api = await planner.connection.ready;
    exposeApi(planner.ports()[0]!, {
      saveProject: async () => {
        throw new RangeError('Too many items');
      },
      openProject: async () => {
        throw { code: 'not_found' };
      },
    });

    const error = await api.saveProject().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'RangeError', message: 'Too many items' });
    await expect(api.openProject('gone')).rejects.toEqual({ code: 'not_found' });
  });
});

describe('trace', () => {
  it('sees every message posted and received, in order, Connect included', async () => {
    const trace = vi.fn<TraceHook>();
    const token = vi.fn<TokenProvider>().mockResolvedValueOnce(USER).mockResolvedValue(LEGAL);
    const planner = start(token, { trace });

    planner.receive(ready);
    await planner.connection.ready;
    planner.receive(tokenExpired);
    await settle();
    await planner.connection.logout();

    expect(trace.mock.calls).toEqual([
      ['in', ready],
      ['out', { ns: 'planner', v: 1, type: 'Login', token: USER }],
      ['out', { ns: 'planner', v: 1, type: 'Connect' }],
      ['in', tokenExpired],
      ['out', { ns: 'planner', v: 1, type: 'Authentication', token: LEGAL }],
      ['out', { ns: 'planner', v: 1, type: 'Logout' }],
      ['out', { ns: 'planner', v: 1, type: 'Authentication', token: LEGAL }],
    ]);
    // What was traced is what was posted.
    expect(trace.mock.calls.filter(([direction]) => direction === 'out').map(([, sent]) => sent)).toEqual(
      planner.sent.map((entry) => entry.message),
    );
  });

  it('sees the Error it posts when the provider gives up', async () => {
    const trace = vi.fn<TraceHook>();
    const planner = start(
      async () => {
        throw new Error('down');
      },
      { trace },
    );

    planner.receive(ready);
    await vi.advanceTimersByTimeAsync(3 * TOKEN_BACKOFF_MS);

    expect(trace).toHaveBeenLastCalledWith('out', {
      ns: 'planner',
      v: 1,
      type: 'Error',
      code: 'token_unavailable',
      message: expect.any(String),
    });
  });

  it('sees valid events from the events port as they come, and not malformed ones', async () => {
    const trace = vi.fn<TraceHook>();
    const planner = start(async () => LEGAL, { trace });
    planner.receive(ready);
    await planner.connection.ready;
    const [, events] = planner.ports();
    trace.mockClear();

    events!.postMessage({ type: 'resize', height: -1 });
    events!.postMessage({ type: 'projectSaved', id: 'p1', name: 'Kitchen', version: 2 });
    events!.postMessage({ type: 'resize', height: 640 });
    await vi.waitFor(() => expect(trace).toHaveBeenCalledTimes(2));
    await settle();

    expect(trace.mock.calls).toEqual([
      ['in', { type: 'projectSaved', id: 'p1', name: 'Kitchen', version: 2 }],
      ['in', { type: 'resize', height: 640 }],
    ]);
  });

  it('breaks nothing when it throws', async () => {
    const trace = vi.fn<TraceHook>(() => {
      throw new Error('devtools bug');
    });
    const planner = start(async () => LEGAL, { trace });
    const resized = vi.fn();
    planner.connection.on('resize', (event) => resized(event.detail));

    planner.receive(ready);
    await planner.connection.ready;
    planner.ports()[1]!.postMessage({ type: 'resize', height: 320 });
    await vi.waitFor(() => expect(resized).toHaveBeenCalledWith({ height: 320 }));

    expect(planner.types()).toEqual(['Authentication', 'Connect']);
    expect(trace).toHaveBeenCalledTimes(4);
  });
});

describe('events', () => {
  async function connected() {
    const planner = start(async () => LEGAL);
    planner.receive(ready);
    await planner.connection.ready;
    const [, events] = planner.ports();
    return { ...planner, events: events! };
  }

  it('surfaces valid events from the events port and ignores malformed ones', async () => {
    const planner = await connected();
    const saved = vi.fn();
    planner.connection.on('projectSaved', (event) => saved(event.detail));

    planner.events.postMessage({ type: 'projectSaved', id: 'p1', name: 'Kitchen', version: 2 });
    planner.events.postMessage({ type: 'projectSaved', id: 'p1', name: 'Kitchen', version: '2' });
    planner.events.postMessage({ type: 'toString' });
    planner.events.postMessage(null);
    await vi.waitFor(() => expect(planner.debug).toHaveBeenCalledTimes(3));

    expect(saved).toHaveBeenCalledTimes(1);
    expect(saved).toHaveBeenCalledWith({ id: 'p1', name: 'Kitchen', version: 2 });
    expect(planner.debug).toHaveBeenCalledWith('malformed', { type: 'toString' });
  });

  it('surfaces TokenExpired, LoginRequired and Error messages of a planner without the bridge', async () => {
    const planner = await connected();
    const seen: [string, unknown][] = [];
    for (const name of ['tokenExpired', 'loginRequired', 'error'] as const) {
      planner.connection.on(name, (event) => seen.push([name, event.detail]));
    }

    planner.receive(tokenExpired);
    planner.receive(message<LoginRequiredMessage>('LoginRequired', { reason: 'save' }));
    planner.receive(
      message<ErrorMessage>('Error', { code: 'token_rejected', message: 'Not an embed origin.' }),
    );

    expect(seen).toEqual([
      ['tokenExpired', { reason: 'expired' }],
      ['loginRequired', { reason: 'save' }],
      ['error', { code: 'token_rejected', message: 'Not an embed origin.' }],
    ]);
  });

  it('reports each event once when a bridge planner sends it both ways', async () => {
    const planner = await connected();
    const loginRequired = vi.fn();
    planner.connection.on('loginRequired', loginRequired);

    planner.events.postMessage({ type: 'ready' });
    planner.events.postMessage({ type: 'loginRequired', reason: 'save' });
    await vi.waitFor(() => expect(loginRequired).toHaveBeenCalledTimes(1));
    planner.receive(message<LoginRequiredMessage>('LoginRequired', { reason: 'save' }));
    await settle();

    expect(loginRequired).toHaveBeenCalledTimes(1);
  });

  it('off() and the function on() returns both remove a listener', async () => {
    const planner = await connected();
    const first = vi.fn();
    const second = vi.fn();
    planner.connection.on('loginRequired', first);
    const unsubscribe = planner.connection.on('loginRequired', second);

    planner.connection.off('loginRequired', first);
    unsubscribe();
    planner.receive(message<LoginRequiredMessage>('LoginRequired', { reason: 'save' }));

    expect(first).not.toHaveBeenCalled();
    expect(second).not.toHaveBeenCalled();
  });
});

describe('destroy', () => {
  it('before the handshake: rejects ready, stops listening, never calls the provider', async () => {
    const token = vi.fn(async () => LEGAL);
    const planner = start(token);
    const errors = vi.fn();
    planner.connection.on('error', errors);

    planner.connection.destroy();
    planner.connection.destroy(); // idempotent

    await expect(planner.connection.ready).rejects.toMatchObject({ code: 'DESTROYED' });
    await expect(planner.connection.login(USER)).rejects.toMatchObject({ code: 'DESTROYED' });
    expect(planner.isListening()).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000); // no READY_TIMEOUT after destroy
    expect(errors).not.toHaveBeenCalled();
    expect(token).not.toHaveBeenCalled();
  });

  it('during a provider call: rejects what waits on it and never posts its answer', async () => {
    const { provider, calls } = controlledProvider();
    const planner = start(provider);
    planner.receive(ready);
    calls[0]?.resolve(LEGAL);
    await planner.connection.ready;
    const logout = planner.connection.logout().catch((error: unknown) => error);
    await settle();

    planner.connection.destroy();
    calls[1]?.resolve(LEGAL);
    await settle();

    expect(await logout).toMatchObject({ code: 'DESTROYED' });
    expect(planner.types()).toEqual(['Authentication', 'Connect', 'Logout']);
  });

  it('stops retrying a failing provider', async () => {
    const token = vi.fn(async (): Promise<string> => {
      throw new Error('down');
    });
    const planner = start(token);
    planner.receive(ready);
    await settle();

    planner.connection.destroy();
    await vi.advanceTimersByTimeAsync(10 * TOKEN_BACKOFF_MS);

    expect(token).toHaveBeenCalledTimes(1);
    expect(planner.sent).toEqual([]);
  });

  it('rejects RPC calls in flight and closes the ports', async () => {
    const planner = start(async () => LEGAL);
    planner.receive(ready);
    const api = await planner.connection.ready;
    const listener = vi.fn();
    planner.connection.on('resize', listener);
    const [, events] = planner.ports();
    const call = api.getProject().catch((error: unknown) => error); // nobody answers

    planner.connection.destroy();
    events!.postMessage({ type: 'resize', height: 100 });
    await settle();

    expect(await call).toMatchObject({ code: 'DESTROYED' });
    expect(listener).not.toHaveBeenCalled();
  });
});
