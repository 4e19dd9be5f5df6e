import { describe, expect, it } from 'vitest';
import { PlatformClock } from './platform-clock.ts';

const T = Date.UTC(2030, 0, 1, 12);
const http = (ms: number) => new Date(ms).toUTCString();

describe('PlatformClock', () => {
  it('bounds the offset by one answer, and narrows it with more to within half a second', () => {
    const clock = new PlatformClock();
    expect(clock.offsetMs).toBeUndefined();
    // The platform runs 90.4 s ahead; answers take 40 ms; Date is whole seconds.
    const offset = 90_400;
    const answer = (sentAt: number) => {
      const stamped = sentAt + 20 + offset;
      return clock.observe(http(stamped - (stamped % 1000)), sentAt, sentAt + 40);
    };
    expect(answer(T)).toBe(true);
    expect(Math.abs(clock.offsetMs! - offset)).toBeLessThanOrEqual(520);
    for (let i = 1; i <= 20; i++) answer(T + i * 1_237);
    expect(Math.abs(clock.offsetMs! - offset)).toBeLessThanOrEqual(40);
  });

  it('starts again from an answer that contradicts what it knew (a clock jumped)', () => {
    const clock = new PlatformClock();
    clock.observe(http(T), T, T + 10);
    expect(Math.abs(clock.offsetMs!)).toBeLessThanOrEqual(1000);
    // The local clock was stepped back an hour.
    const local = T - 3_600_000;
    expect(clock.observe(http(T + 5_000), local + 5_000, local + 5_010)).toBe(true);
    expect(Math.abs(clock.offsetMs! - 3_600_000)).toBeLessThanOrEqual(1000);
  });

  it('ignores answers without a readable Date', () => {
    const clock = new PlatformClock();
    expect(clock.observe(null, T, T)).toBe(false);
    expect(clock.observe('not a date', T, T)).toBe(false);
    expect(clock.offsetMs).toBeUndefined();
  });
});
