/** Strong ETags carry the project's version: `"v3"`. */
export const etagOf = (version: number) => `"v${version}"`;

/** The version named by an If-Match header, or undefined when it names none of ours. */
export function versionFromIfMatch(header: string): number | undefined {
  const match = /^(?:W\/)?"v(\d{1,9})"$/.exec(header.trim());
  return match ? Number(match[1]) : undefined;
}
