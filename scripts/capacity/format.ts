/** Number formats of the capacity report, with no locale data involved (the report is compared word for word). */

/** Thousands with commas, no locale data involved. */
export function fmtInt(n: number): string {
  const rounded = Math.round(n);
  const sign = rounded < 0 ? '-' : '';
  return sign + String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function fmt(n: number, digits: number): string {
  const fixed = Math.abs(n).toFixed(digits);
  const [whole, fraction] = fixed.split('.') as [string, string | undefined];
  const withCommas = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (n < 0 && Number(fixed) !== 0 ? '-' : '') + withCommas + (fraction === undefined ? '' : `.${fraction}`);
}

/** Millions or billions with one decimal for big counts. */
export function fmtCount(n: number): string {
  if (n >= 1e9) return `${fmt(n / 1e9, 2)} billion`;
  if (n >= 1e7) return `${fmt(n / 1e6, 1)} million`;
  return fmtInt(n);
}

export const usd = (n: number, digits = 2): string => `$${fmt(n, digits)}`;

export function fmtDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}
