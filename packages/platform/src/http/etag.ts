/** Strong ETags carry the project's version: `"v3"`. */
export const etagOf = (version: number) => `"v${version}"`;

/** An entity tag (RFC 9110 §8.8.3): `"…"`, or weak `W/"…"`; `opaque` is without the quotes. */
export interface EntityTag {
  weak: boolean;
  opaque: string;
}

// One list element: optional whitespace, an optional entity-tag, then a comma or the end
// (RFC 9110 §5.6.1 lists may have empty elements). etagc excludes DQUOTE, not the comma.
const ELEMENT = /[ \t]*(?:(W\/)?"([\x21\x23-\x7e\x80-\xff]*)")?[ \t]*(?:,|$)/y;

/**
 * The field value of `If-Match` or `If-None-Match`: `*`, or its list of entity tags;
 * undefined when it is not one (then nothing can match it).
 */
export function parseEntityTags(field: string): '*' | EntityTag[] | undefined {
  if (field.trim() === '*') return '*';
  const tags: EntityTag[] = [];
  ELEMENT.lastIndex = 0;
  while (ELEMENT.lastIndex < field.length) {
    const start = ELEMENT.lastIndex;
    const match = ELEMENT.exec(field);
    if (!match || ELEMENT.lastIndex === start) return undefined;
    if (match[2] !== undefined) tags.push({ weak: match[1] !== undefined, opaque: match[2] });
  }
  return tags;
}

/**
 * What `If-Match` allows (RFC 9110 §13.1.1): `'any'` existing version for `*`, else the
 * versions named by its strong tags. Strong comparison: a weak tag never matches, so it adds
 * nothing; a malformed field names no version and so fails.
 */
export function versionsFromIfMatch(field: string): 'any' | number[] {
  const tags = parseEntityTags(field);
  if (tags === '*') return 'any';
  const versions: number[] = [];
  for (const tag of tags ?? []) {
    const version = tag.weak ? undefined : /^v(\d{1,9})$/.exec(tag.opaque)?.[1];
    if (version !== undefined) versions.push(Number(version));
  }
  return versions;
}
