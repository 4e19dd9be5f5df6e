import { describe, expect, it } from 'vitest';
import { sessionTokenStore } from './session.ts';

describe('sessionTokenStore', () => {
  it('keeps the token in the given storage until cleared', () => {
    const store = sessionTokenStore(window.sessionStorage);
    expect(store.load()).toBeNull();
    store.save('adm_secret');
    expect(store.load()).toBe('adm_secret');
    store.clear();
    expect(store.load()).toBeNull();
  });

  it('works, without keeping anything, when storage is missing or refuses', () => {
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    for (const store of [sessionTokenStore(refusing), sessionTokenStore(undefined)]) {
      expect(() => store.save('x')).not.toThrow();
      expect(store.load()).toBeNull();
      expect(() => store.clear()).not.toThrow();
    }
  });
});
