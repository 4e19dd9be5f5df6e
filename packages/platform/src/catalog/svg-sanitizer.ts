import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * Plan symbols come from retailers' files and are served to every shopper's planner, so an
 * imported SVG is rebuilt from a strict allow-list rather than filtered: fast-xml-parser (no
 * DOM needed) reads it, and only listed elements and attributes with safe values are written
 * back out, escaped. Whatever is not listed — scripts, event handlers, `<foreignObject>`,
 * `<style>`, `<image>`, external `href`s, `url(…)` that is not `#local`, entities — never
 * reaches the output. DOMPurify would be the first choice, but it needs a DOM on Node.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

const ELEMENTS = new Set([
  'svg',
  'g',
  'defs',
  'symbol',
  'use',
  'title',
  'desc',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'linearGradient',
  'radialGradient',
  'stop',
  'clipPath',
  'mask',
  'pattern',
]);

/** Elements whose text content is kept (escaped). */
const TEXT_ELEMENTS = new Set(['title', 'desc', 'text', 'tspan']);

const ATTRIBUTES = new Set([
  'id',
  'viewBox',
  'preserveAspectRatio',
  'width',
  'height',
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'cx',
  'cy',
  'r',
  'rx',
  'ry',
  'fx',
  'fy',
  'dx',
  'dy',
  'd',
  'points',
  'pathLength',
  'transform',
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-dasharray',
  'stroke-dashoffset',
  'stroke-miterlimit',
  'opacity',
  'clip-path',
  'clip-rule',
  'mask',
  'vector-effect',
  'offset',
  'stop-color',
  'stop-opacity',
  'gradientUnits',
  'gradientTransform',
  'spreadMethod',
  'patternUnits',
  'patternContentUnits',
  'patternTransform',
  'clipPathUnits',
  'maskUnits',
  'maskContentUnits',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'letter-spacing',
  // Checked below: only a same-document fragment (`#id`). SVG 2's `href`; `xlink:href` is dropped.
  'href',
]);

/** Attribute values: printable, no markup, no script or CSS escapes, bounded. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it must refuse.
const SAFE_VALUE = /^[^<>"\\`\u0000-\u001f\u007f]{0,8192}$/;
/** Any `url(` must point inside the symbol: `url(#id)`. */
const URL_REF = /url\s*\(/gi;
const LOCAL_URL_REF = /url\(\s*#[A-Za-z][\w.-]*\s*\)/gi;
const LOCAL_HREF = /^#[A-Za-z][\w.-]*$/;
const SCHEME = /(?:javascript|vbscript|data|https?|file|ftp)\s*:/i;

export class SvgRejected extends Error {
  override readonly name = 'SvgRejected';
  readonly code = 'svg_rejected';
}

type Node = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  allowBooleanAttributes: false,
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  // Only the five XML entities and character references: a DOCTYPE is refused before this.
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

function safeAttribute(element: string, name: string, value: string): boolean {
  if (!ATTRIBUTES.has(name) || !SAFE_VALUE.test(value)) return false;
  if (name === 'href') {
    return (
      (element === 'use' || element.endsWith('Gradient') || element === 'pattern') && LOCAL_HREF.test(value)
    );
  }
  if (SCHEME.test(value) || /expression\s*\(/i.test(value)) return false;
  const urls = value.match(URL_REF)?.length ?? 0;
  return urls === (value.match(LOCAL_URL_REF)?.length ?? 0);
}

/**
 * The symbol, rebuilt from what is allowed; throws {@link SvgRejected} when it is not a
 * well-formed SVG document (one `<svg>` root with a `viewBox`).
 */
export function sanitizeSvg(input: string): string {
  if (/<!DOCTYPE|<!ENTITY/i.test(input))
    throw new SvgRejected('a DOCTYPE or entity declaration is not allowed');
  const valid = XMLValidator.validate(input, { allowBooleanAttributes: false });
  if (valid !== true) throw new SvgRejected(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const roots = (parser.parse(input) as Node[]).filter((n) => !('#text' in n));
  const root = roots[0];
  if (roots.length !== 1 || !root || !('svg' in root))
    throw new SvgRejected('the root element must be <svg>');
  const attrs = (root[':@'] ?? {}) as Record<string, string>;
  if (!attrs.viewBox || !/^[\d.\s,+-]+$/.test(attrs.viewBox)) {
    throw new SvgRejected('the <svg> needs a numeric viewBox');
  }
  return write(root);
}

function write(node: Node): string {
  const name = Object.keys(node).find((k) => k !== ':@');
  if (name === undefined) return '';
  if (name === '#text') return '';
  if (!ELEMENTS.has(name)) return '';
  const attrs = (node[':@'] ?? {}) as Record<string, unknown>;
  let out = `<${name}`;
  if (name === 'svg') out += ` xmlns="${SVG_NS}"`;
  for (const [attr, value] of Object.entries(attrs)) {
    if (typeof value !== 'string' || !safeAttribute(name, attr, value)) continue;
    out += ` ${attr}="${escapeAttr(value)}"`;
  }
  out += '>';
  for (const child of (node[name] ?? []) as Node[]) {
    if ('#text' in child) {
      if (TEXT_ELEMENTS.has(name)) out += escapeText(String(child['#text']));
    } else {
      out += write(child);
    }
  }
  return `${out}</${name}>`;
}
