import { describe, expect, it } from 'vitest';
import { formatArea, formatLength, fromUnitValue, toUnitValue, unitForLocale } from './units.ts';

describe('formatLength', () => {
  it('shows metres with two decimals and centimetres whole', () => {
    expect(formatLength(450, 'm', 'en')).toBe('4.50 m');
    expect(formatLength(450, 'cm', 'en')).toBe('450 cm');
    expect(formatLength(22.5, 'cm', 'en')).toBe('22.5 cm');
  });

  it('follows the locale', () => {
    expect(formatLength(450, 'm', 'de')).toBe('4,50 m');
  });
});

describe('toUnitValue / fromUnitValue', () => {
  it('round-trips in both units', () => {
    expect(toUnitValue(455, 'm')).toBe('4.55');
    expect(toUnitValue(500, 'm')).toBe('5.00');
    expect(fromUnitValue('4.55', 'm')).toBe(455);
    expect(toUnitValue(455, 'cm')).toBe('455');
    expect(fromUnitValue('455', 'cm')).toBe(455);
  });

  it('accepts a decimal comma', () => {
    expect(fromUnitValue('3,2', 'm')).toBe(320);
  });

  it('rejects what is not a number', () => {
    expect(fromUnitValue('four', 'm')).toBeNaN();
    expect(fromUnitValue('', 'cm')).toBeNaN();
    expect(fromUnitValue('1e3', 'cm')).toBeNaN();
  });
});

describe('imperial', () => {
  it('shows feet and inches, and reads decimal feet or feet and inches', () => {
    expect(formatLength(450, 'ft', 'en')).toBe('14′ 9″');
    expect(formatLength(30.48, 'ft', 'en')).toBe('1′ 0″');
    expect(toUnitValue(304.8, 'ft')).toBe('10');
    expect(fromUnitValue('10', 'ft')).toBe(304.8);
    expect(fromUnitValue(`12' 6"`, 'ft')).toBe(381);
    expect(fromUnitValue('12′6″', 'ft')).toBe(381);
    expect(fromUnitValue(`4'`, 'ft')).toBe(121.9);
    expect(fromUnitValue('ten feet', 'ft')).toBeNaN();
  });

  it('floor areas in m², or ft² in imperial', () => {
    expect(formatArea(500 * 400, 'm', 'en')).toBe('20.0 m²');
    expect(formatArea(500 * 400, 'cm', 'en')).toBe('20.0 m²');
    expect(formatArea(304.8 * 304.8 * 12, 'ft', 'en')).toBe('1,200 ft²');
  });
});

describe('unitForLocale', () => {
  it('measures in feet in the United States and in metres elsewhere (or with no locale)', () => {
    expect(unitForLocale('en-US')).toBe('ft');
    expect(unitForLocale('es-us')).toBe('ft');
    expect(['en-GB', 'de', 'de-DE', 'fr-CH', 'en', undefined].map(unitForLocale)).toEqual([
      'm',
      'm',
      'm',
      'm',
      'm',
      'm',
    ]);
  });
});
