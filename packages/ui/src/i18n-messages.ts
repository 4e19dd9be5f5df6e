/**
 * Finds the `msg()` calls in a module and the translations in an XLIFF file, for the checks
 * that every message is translated (the planner's and the admin console's
 * `src/i18n/translations.test.ts`, through `i18n-check.ts`). Test-only: neither app imports it. The parser and the id function are passed in (Vite's, lit-localize's), so this
 * module stays free of build-time imports.
 */
export interface Message {
  /** lit-localize's id: `s` + FNV-1a of the template's strings, or `msg()`'s `{ id }`. */
  id: string;
  /** The English text, `{…}` for each expression. */
  text: string;
  /** `file:offset`. */
  where: string;
}

type Node = { type: string; start: number } & Record<string, unknown>;
type Parse = (file: string, code: string) => { program: unknown };
type MsgId = (strings: string | string[], isHtml: boolean) => string;

export function findMessages(code: string, file: string, parse: Parse, msgId: MsgId): Message[] {
  if (!/\bmsg\(/.test(code)) return [];
  const found: Message[] = [];
  visit(parse(file, code).program, (node) => {
    const callee = node.callee as Node | undefined;
    if (node.type !== 'CallExpression' || callee?.type !== 'Identifier' || callee.name !== 'msg') return;
    const [template, options] = node.arguments as Node[];
    if (!template) return;
    const strings = templateStrings(template);
    if (!strings) throw new Error(`${file}:${node.start}: msg() takes a string or a str/html template`);
    const explicit = explicitId(options);
    found.push({
      id: explicit ?? msgId(strings.parts.length === 1 ? strings.parts[0]! : strings.parts, strings.html),
      text: strings.parts.join('{…}'),
      where: `${file}:${node.start}`,
    });
  });
  return found;
}

function templateStrings(node: Node): { parts: string[]; html: boolean } | null {
  if (node.type === 'Literal' && typeof node.value === 'string') return { parts: [node.value], html: false };
  const quasi = (node.type === 'TaggedTemplateExpression' ? node.quasi : node) as Node;
  if (quasi.type !== 'TemplateLiteral') return null;
  const tag = node.type === 'TaggedTemplateExpression' ? ((node.tag as Node).name as string) : undefined;
  if (tag !== undefined && tag !== 'str' && tag !== 'html') return null;
  const parts = (quasi.quasis as { value: { cooked: string } }[]).map((q) => q.value.cooked);
  // A plain template literal without expressions is a string; lit-localize hashes it as one.
  return { parts, html: tag === 'html' };
}

function explicitId(options: Node | undefined): string | undefined {
  if (options?.type !== 'ObjectExpression') return undefined;
  for (const p of options.properties as Node[]) {
    const key = p.key as Node | undefined;
    const value = p.value as Node | undefined;
    if (key?.name === 'id' && value?.type === 'Literal') return String(value.value);
  }
  return undefined;
}

/** XLIFF 1.2 as lit-localize writes it: trans-unit id → its target's text ('' when none). */
export function readXliff(xml: string): Map<string, string> {
  const units = new Map<string, string>();
  for (const unit of xml.matchAll(/<trans-unit id="([^"]+)">([\s\S]*?)<\/trans-unit>/g)) {
    const target = /<target>([\s\S]*?)<\/target>/.exec(unit[2]!)?.[1]?.trim() ?? '';
    units.set(unit[1]!, target);
  }
  return units;
}

function visit(node: unknown, fn: (node: Node) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) visit(child, fn);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  if (typeof record.type === 'string') fn(record as Node);
  for (const key in record) if (key !== 'parent') visit(record[key], fn);
}
