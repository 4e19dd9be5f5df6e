import { describe, expect, it } from 'vitest';
import { Sessions } from './sessions.ts';

const MINUTE = 60_000;

function store(
  limits: { idleMs?: number; absoluteMs?: number; maxSessions?: number; sweepEveryMs?: number } = {},
) {
  let now = 1_000_000;
  const sessions = new Sessions({
    idleMs: 30 * MINUTE,
    absoluteMs: 8 * 60 * MINUTE,
    sweepEveryMs: MINUTE,
    ...limits,
    now: () => now,
  });
  return { sessions, advance: (ms: number) => (now += ms) };
}

describe('sessions', () => {
  it('end after the idle lifetime, and live on while used', () => {
    const { sessions, advance } = store();
    const used = sessions.create().id;
    const idle = sessions.create().id;
    advance(20 * MINUTE);
    expect(sessions.get(used)).toBeDefined();
    advance(20 * MINUTE); // `idle` unused for 40 min, `used` for 20
    expect(sessions.get(used)).toBeDefined();
    expect(sessions.get(idle)).toBeUndefined();
  });

  it('end after the absolute lifetime however busy they are', () => {
    const { sessions, advance } = store();
    const { id } = sessions.create();
    for (let t = 0; t < 8 * 60 - 10; t += 10) {
      advance(10 * MINUTE);
      expect(sessions.get(id)).toBeDefined();
    }
    advance(10 * MINUTE);
    expect(sessions.get(id)).toBeUndefined();
  });

  it('are swept once expired, even when nobody reads them again', () => {
    const { sessions, advance } = store();
    for (let i = 0; i < 50; i++) sessions.create();
    expect(sessions.size).toBe(50);
    advance(29 * MINUTE);
    sessions.create();
    expect(sessions.size).toBe(51); // none expired yet
    advance(2 * MINUTE);
    sessions.create();
    expect(sessions.size).toBe(2); // the 50 idle for 31 min are gone
  });

  it('never outgrow their bound: the least recently used one makes room', () => {
    const { sessions, advance } = store({ maxSessions: 3 });
    const a = sessions.create().id;
    const b = sessions.create().id;
    const c = sessions.create().id;
    advance(1000);
    expect(sessions.get(a)).toBeDefined(); // a is now the most recently used
    const d = sessions.create().id;
    expect(sessions.size).toBe(3);
    expect(sessions.get(b)).toBeUndefined();
    for (const id of [a, c, d]) expect(sessions.get(id)).toBeDefined();
  });

  it('are gone once destroyed, and unknown ids find nothing', () => {
    const { sessions } = store();
    const { id, session } = sessions.create();
    session.shopperId = 'shopper-ada';
    expect(sessions.get(id)).toBe(session);
    sessions.destroy(id);
    expect(sessions.get(id)).toBeUndefined();
    expect(sessions.get(undefined)).toBeUndefined();
    expect(sessions.get('made-up')).toBeUndefined();
  });
});
