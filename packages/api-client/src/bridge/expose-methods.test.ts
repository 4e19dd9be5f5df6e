import { type Remote, wrap } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { exposeMethods } from './expose-methods.ts';

class PlannerApi {
  secret = 'drafts';
  add(a: number, b: number) {
    return a + b;
  }
  async save(name: string) {
    return { id: 'p1', name };
  }
  _internal() {
    return 'private';
  }
  leak() {
    return () => 'a function';
  }
  fail() {
    throw new RangeError('no such project');
  }
}

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

function connect(api: object) {
  const channel = new MessageChannel();
  channels.push(channel);
  exposeMethods(api, channel.port1);
  return { remote: wrap<PlannerApi>(channel.port2), host: channel.port2 };
}

/** Sends a raw comlink message and waits for its answer. */
function raw(host: MessagePort, message: Record<string, unknown>): Promise<{ type: string; value: unknown }> {
  return new Promise((resolve) => {
    const id = String(Math.random());
    const onMessage = (event: MessageEvent) => {
      if (event.data?.id !== id) return;
      host.removeEventListener('message', onMessage);
      resolve(event.data);
    };
    host.addEventListener('message', onMessage);
    host.postMessage({ ...message, id });
  });
}

describe('exposeMethods', () => {
  it('lets the host call the API methods, inherited ones included', async () => {
    const { remote } = connect(new PlannerApi());
    expect(await remote.add(2, 3)).toBe(5);
    expect(await remote.save('Kitchen')).toEqual({ id: 'p1', name: 'Kitchen' });
  });

  it('refuses property reads and writes, private methods and paths through constructor', async () => {
    const api = new PlannerApi();
    const { remote, host } = connect(api);
    await expect((remote as unknown as Remote<{ _internal(): string }>)._internal()).rejects.toThrow(
      /Only the methods/,
    );
    expect(await raw(host, { type: 'GET', path: ['secret'] })).toMatchObject({ type: 'HANDLER' });
    await raw(host, { type: 'SET', path: ['secret'], value: { type: 'RAW', value: 'x' } });
    expect(api.secret).toBe('drafts');

    const attack = await raw(host, {
      type: 'CONSTRUCT',
      path: ['add', 'constructor'],
      argumentList: [{ type: 'RAW', value: 'globalThis.pwned = true' }],
    });
    expect(attack).toMatchObject({ type: 'HANDLER', name: 'throw' });
    expect((globalThis as { pwned?: boolean }).pwned).toBeUndefined();
    expect(await raw(host, { type: 'ENDPOINT', path: [] })).toMatchObject({ name: 'throw' });
  });

  it("rethrows the method's error, refuses callbacks and unserializable answers, and ends on RELEASE", async () => {
    const { remote, host } = connect(new PlannerApi());
    await expect(remote.fail()).rejects.toThrow(/no such project/);
    expect(
      await raw(host, {
        type: 'APPLY',
        path: ['add'],
        argumentList: [{ type: 'HANDLER', name: 'proxy', value: null }],
      }),
    ).toMatchObject({ type: 'HANDLER', name: 'throw' });
    expect(await raw(host, { type: 'APPLY', path: ['leak'], argumentList: [] })).toMatchObject({
      type: 'HANDLER',
      value: { isError: true, value: { message: 'Unserializable return value' } },
    });
    // The planner closes its end after answering RELEASE.
    const closed = new Promise((resolve) => host.addEventListener('close', resolve, { once: true }));
    expect(await raw(host, { type: 'RELEASE', path: [] })).toMatchObject({ type: 'RAW' });
    await closed;
  });
});
