import { describe, expect, it, vi } from 'vitest';
import { createEmitter, eventType, parseEvent } from './events.ts';

describe('parseEvent', () => {
  it.each([
    { type: 'ready' },
    { type: 'tokenExpired', reason: 'expired' },
    { type: 'tokenExpired', reason: 'rejected', kind: 'user' },
    { type: 'loginRequired', reason: 'save' },
    { type: 'projectSaved', id: 'p1', name: 'Kitchen', version: 3 },
    { type: 'error', code: 'save_failed', message: 'The platform is down.' },
    { type: 'resize', height: 0 },
    { type: 'resize', height: 812.5 },
  ])('accepts %j', (event) => {
    expect(parseEvent(event)).toBe(event);
  });

  it.each([
    null,
    undefined,
    'resize',
    42,
    [],
    {},
    { type: 'toString' },
    { type: '__proto__' },
    { type: 'constructor' },
    { type: ['ready'] },
    { type: ['resize'], height: 1 },
    { type: 'tokenExpired', reason: 'bored' },
    { type: 'tokenExpired', reason: 'expired', kind: 'admin' },
    { type: 'loginRequired' },
    { type: 'projectSaved', id: 'p1', name: 'Kitchen' },
    { type: 'projectSaved', id: 'p1', name: 'Kitchen', version: 1.5 },
    { type: 'projectSaved', id: 1, name: 'Kitchen', version: 1 },
    { type: 'error', code: 'x' },
    { type: 'resize', height: -1 },
    { type: 'resize', height: '640' },
    { type: 'resize', height: Number.POSITIVE_INFINITY },
    { type: 'resize', height: Number.NaN },
  ])('refuses %j', (data) => {
    expect(parseEvent(data)).toBeUndefined();
  });
});

describe('createEmitter', () => {
  it('dispatches CustomEvents named planner-<name in lower case> on the target it is given', () => {
    const target = new EventTarget();
    const seen = vi.fn();
    target.addEventListener('planner-projectsaved', (event) => seen((event as CustomEvent).detail));
    const { emit } = createEmitter(target);

    emit('projectSaved', { id: 'p1', name: 'Kitchen', version: 1 });

    expect(seen).toHaveBeenCalledWith({ id: 'p1', name: 'Kitchen', version: 1 });
    expect(eventType('loginRequired')).toBe('planner-loginrequired');
  });

  it('keeps running the other listeners when one throws, and still reports the error', async () => {
    const { on, emit } = createEmitter();
    const second = vi.fn();
    const reported = vi.fn();
    // Node reports an EventTarget listener's error on the process, as browsers do on window.
    process.once('uncaughtException', reported);
    on('resize', () => {
      throw new Error('listener bug');
    });
    on('resize', second);

    emit('resize', { height: 10 });

    expect(second).toHaveBeenCalledTimes(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(reported).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'listener bug' }),
      expect.anything(),
    );
  });
});
