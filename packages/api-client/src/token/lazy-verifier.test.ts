import { describe, expect, it, vi } from 'vitest';
import { lazyTokenVerifier } from './lazy-verifier.ts';
import type { VerifyToken } from './verify-token.ts';

const options = { issuer: 'https://api.example' };

describe('lazyTokenVerifier', () => {
  it('loads the verifier once, on the first token, and answers with its verdicts', async () => {
    const verify = vi.fn<VerifyToken>(async (token) => (token === 'good' ? 'genuine' : 'forged'));
    const load = vi.fn(async () => ({ createTokenVerifier: () => verify }));
    const lazy = lazyTokenVerifier(options, load);
    expect(load).not.toHaveBeenCalled();
    expect(await Promise.all([lazy('good'), lazy('bad')])).toEqual(['genuine', 'forged']);
    expect(await lazy('good')).toBe('genuine');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('answers keys_unavailable when the module cannot be fetched, and tries again next time', async () => {
    const load = vi
      .fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockResolvedValue({ createTokenVerifier: () => async () => 'genuine' });
    const lazy = lazyTokenVerifier(options, load);
    expect(await lazy('t')).toBe('keys_unavailable');
    expect(await lazy('t')).toBe('genuine');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('loads the real verifier by default (a made-up token is forged)', async () => {
    const lazy = lazyTokenVerifier({ ...options, keys: { keys: [] } });
    expect(await lazy('a.b.c')).toBe('forged');
  });
});
