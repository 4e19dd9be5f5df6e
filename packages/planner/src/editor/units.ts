import type { Room } from './design.ts';

export type Unit = Room['unit'];

const formatters = new Map<string, Intl.NumberFormat>();
function formatter(locale: string | undefined, digits: number): Intl.NumberFormat {
  const key = `${locale ?? ''}|${digits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    formatters.set(key, f);
  }
  return f;
}

/**
 * The unit a locale measures rooms in: feet and inches in the United States (`en-US`), metres
 * everywhere else. The shopper can still choose another in the room bar.
 */
export const unitForLocale = (locale: string | undefined): Unit =>
  /-US(?:-|$)/i.test(locale ?? '') ? 'ft' : 'm';

const CM_PER_FOOT = 30.48;
const CM2_PER_FT2 = CM_PER_FOOT * CM_PER_FOOT;

/** A length for people: `450` → `4.50 m`, `450 cm` or `14′ 9″` (to the nearest inch). */
export function formatLength(cm: number, unit: Unit, locale?: string): string {
  if (unit === 'ft') {
    const inches = Math.round(Math.abs(cm) / 2.54);
    const sign = cm < 0 && inches ? '-' : '';
    return `${sign}${formatter(locale, 0).format(Math.floor(inches / 12))}′ ${inches % 12}″`;
  }
  return unit === 'm'
    ? `${formatter(locale, 2).format(cm / 100)} m`
    : `${formatter(locale, Number.isInteger(cm) ? 0 : 1).format(cm)} cm`;
}

/** A floor area for people: m² (one decimal), or ft² in imperial. */
export function formatArea(cm2: number, unit: Unit, locale?: string): string {
  return unit === 'ft'
    ? `${formatter(locale, 0).format(cm2 / CM2_PER_FT2)} ft²`
    : `${formatter(locale, 1).format(cm2 / 10_000)} m²`;
}

/** The value an input shows for a length in the given unit (plain digits, `.` decimal). */
export function toUnitValue(cm: number, unit: Unit): string {
  if (unit === 'm') return (Math.round(cm) / 100).toFixed(2);
  if (unit === 'ft') return String(Math.round((cm / CM_PER_FOOT) * 100) / 100);
  return String(Math.round(cm * 10) / 10);
}

/**
 * Reads what someone typed (accepting a decimal comma) in the given unit; NaN when it is no
 * number. Feet also take feet and inches: `12' 6"`, `12′6″`.
 */
export function fromUnitValue(text: string, unit: Unit): number {
  const normalized = text.trim().replace(',', '.');
  const feet = unit === 'ft' ? /^(\d+)\s*['′]\s*(?:(\d+(?:\.\d+)?)\s*(?:["″]|'')?)?$/.exec(normalized) : null;
  if (feet) return Math.round((Number(feet[1]) * 12 + Number(feet[2] ?? 0)) * 2.54 * 10) / 10;
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(normalized)) return Number.NaN;
  const value = Number(normalized);
  if (unit === 'ft') return Math.round(value * CM_PER_FOOT * 10) / 10;
  return unit === 'm' ? Math.round(value * 1000) / 10 : value;
}
