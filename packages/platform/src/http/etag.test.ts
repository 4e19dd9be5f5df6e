import { describe, expect, it } from 'vitest';
import { parseEntityTags, versionsFromIfMatch } from './etag.ts';

describe('entity tags (RFC 9110 §8.8.3, §13.1.1)', () => {
  it('parses *, lists with weak tags, whitespace, empty elements and commas inside tags', () => {
    expect(parseEntityTags(' * ')).toBe('*');
    expect(parseEntityTags('"v1", W/"v2" ,, "a,b"')).toEqual([
      { weak: false, opaque: 'v1' },
      { weak: true, opaque: 'v2' },
      { weak: false, opaque: 'a,b' },
    ]);
    expect(parseEntityTags('')).toEqual([]);
  });

  it('refuses what is not a list of entity tags', () => {
    for (const field of ['v1', '"v1" "v2"', '"v1', 'w/"v1"', '*, "v1"', '"v"1"']) {
      expect(parseEntityTags(field), field).toBeUndefined();
    }
  });

  it('names the versions If-Match allows: strong tags only, * for any', () => {
    expect(versionsFromIfMatch('*')).toBe('any');
    expect(versionsFromIfMatch('"v3"')).toEqual([3]);
    expect(versionsFromIfMatch('W/"v3"')).toEqual([]);
    expect(versionsFromIfMatch('"v1", W/"v2", "x", "v4"')).toEqual([1, 4]);
    expect(versionsFromIfMatch('v3')).toEqual([]);
    expect(versionsFromIfMatch('"v1234567890"')).toEqual([]);
  });
});
