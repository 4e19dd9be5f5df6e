/**
 * Text PostgreSQL stores and gives back unchanged: any UTF-16 string except U+0000 (text and
 * jsonb refuse NUL) and unpaired surrogates (UTF-8 cannot encode one: a text column would
 * give back U+FFFD, jsonb refuses its `\ud800` escape). Written as a pattern without the `u`
 * flag, so it reads code units and appears as is in `/openapi.json`.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what it must find.
export const STORABLE_TEXT = /^(?:[^\u0000\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;

export const STORABLE_TEXT_MESSAGE = 'text must not contain NUL (U+0000) or unpaired UTF-16 surrogates';

/** True when `s` can be stored as is: see {@link STORABLE_TEXT}. */
export const isStorableText = (s: string): boolean => STORABLE_TEXT.test(s);
