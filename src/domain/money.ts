import { invalidInput } from './errors.js';

/** Digits after the decimal point for an ISO 4217 currency (2 for CNY, 0 for JPY). */
export function currencyExponent(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2
  );
}

// Intl formats any three letters; only its list of supported values says which are real.
const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export function isCurrencyCode(code: string): boolean {
  return KNOWN_CURRENCIES.has(code);
}

/** 1234.5 CNY → 123450 (fen). Refuses more precision than the currency has, rather than rounding silently. */
export function toMinorUnits(amount: number, currency: string, where: string): number {
  const exp = currencyExponent(currency);
  const minor = amount * 10 ** exp;
  const rounded = Math.round(minor);
  if (Math.abs(minor - rounded) > 1e-6) {
    throw invalidInput(
      `${where}: ${amount} has more than ${exp} decimal places, which ${currency} does not have`,
    );
  }
  return rounded;
}

export function fromMinorUnits(minor: number, currency: string): number {
  return minor / 10 ** currencyExponent(currency);
}
