import { describe, expect, it, vi } from 'vitest';
import { Emitter } from './emitter.ts';

interface Events {
  saved: { id: string };
  resized: { height: number };
}

describe('Emitter', () => {
  it('delivers typed events to their listeners and to onAny, until unsubscribed', () => {
    const emitter = new Emitter<Events>();
    const saved = vi.fn();
    const any = vi.fn();
    const off = emitter.on('saved', saved);
    emitter.onAny(any);
    emitter.emit('saved', { id: 'p1' });
    emitter.emit('resized', { height: 10 });
    off();
    emitter.emit('saved', { id: 'p2' });
    expect(saved.mock.calls).toEqual([[{ type: 'saved', id: 'p1' }]]);
    expect(any.mock.calls.map(([e]) => e.type)).toEqual(['saved', 'resized', 'saved']);
  });

  it('keeps going when a listener throws', () => {
    const emitter = new Emitter<Events>();
    const second = vi.fn();
    emitter.on('saved', () => {
      throw new Error('listener bug');
    });
    emitter.on('saved', second);
    expect(() => emitter.emit('saved', { id: 'p1' })).not.toThrow();
    expect(second).toHaveBeenCalledOnce();
  });
});
