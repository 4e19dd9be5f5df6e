/**
 * Text for XML (SVG) markup: catalog names and project names come from retailers' CSV files
 * and shoppers, so every one is escaped before it reaches an exported file, and characters
 * XML 1.0 cannot hold (controls, lone surrogates) are dropped so the file always parses.
 */
const INVALID =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: what XML 1.0 cannot hold, which this removes.
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function xmlText(value: string): string {
  return value.replace(INVALID, '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
