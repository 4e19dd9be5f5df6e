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

/** A length for people: `450` → `4.50 m` or `450 cm`. */
export function formatLength(cm: number, unit: Unit, locale?: string): string {
  return unit === 'm'
    ? `${formatter(locale, 2).format(cm / 100)} m`
    : `${formatter(locale, Number.isInteger(cm) ? 0 : 1).format(cm)} cm`;
}

/** The value an input shows for a length in the given unit (plain digits, `.` decimal). */
export function toUnitValue(cm: number, unit: Unit): string {
  if (unit === 'm') return (Math.round(cm) / 100).toFixed(2);
  return String(Math.round(cm * 10) / 10);
}

/** Reads what someone typed (accepting a decimal comma) in the given unit; NaN when it is no number. */
export function fromUnitValue(text: string, unit: Unit): number {
  const normalized = text.trim().replace(',', '.');
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(normalized)) return Number.NaN;
  const value = Number(normalized);
  return unit === 'm' ? Math.round(value * 1000) / 10 : value;
}
