import { describe, expect, it } from 'vitest';
import { formatLength, fromUnitValue, toUnitValue } from './units.ts';

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
