import { describe, expect, it } from 'vitest';
import { randomToken } from '../crypto/random.ts';
import { redact } from './log.ts';

describe('redact', () => {
  it.each(['sk', 'st', 'cs', 'rt', 'ak', 'oat', 'adm'])(
    'scrubs a %s_ secret anywhere in a string',
    (prefix) => {
      const secret = randomToken(prefix, 32);
      const scrubbed = String(redact(`failed for ${secret}.`));
      expect(scrubbed).not.toContain(secret);
      expect(scrubbed).toMatch(/^failed for \[redacted:[\w-]{8}\]\.$/);
    },
  );

  it('keeps public identifiers readable', () => {
    const ids = `${randomToken('pk', 12)} ${randomToken('ck', 12)} ${randomToken('bp', 12)}`;
    expect(redact(ids)).toBe(ids);
  });
});
