// Exact operations on decimal strings ("-1234.5600"): comparing, rounding to places, signs. Money never passes through floats here.

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

interface Parts {
  readonly negative: boolean;
  readonly whole: string;
  readonly fraction: string;
}

function parts(value: string): Parts | undefined {
  const match = DECIMAL.exec(value.trim());
  if (!match) return undefined;
  const whole = (match[2] ?? '0').replace(/^0+(?=\d)/, '');
  const fraction = match[3] ?? '';
  const zero = /^0*$/.test(whole) && /^0*$/.test(fraction);
  return { negative: match[1] === '-' && !zero, whole, fraction };
}

export function isDecimal(value: string): boolean {
  return parts(value) !== undefined;
}

/** Digits after the point of a step such as a tickSize "0.01" -> 2, "1" -> 0. */
export function decimalPlaces(step: string): number {
  const p = parts(step);
  return p ? p.fraction.replace(/0+$/, '').length : 0;
}

/** -1, 0 or 1. A malformed value counts as 0. */
export function signOf(value: string | null | undefined): -1 | 0 | 1 {
  if (!value) return 0;
  const p = parts(value);
  if (!p || (/^0*$/.test(p.whole) && /^0*$/.test(p.fraction))) return 0;
  return p.negative ? -1 : 1;
}

/** Exact comparison of two decimal strings: -1, 0 or 1. */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  const x = parts(a);
  const y = parts(b);
  if (!x || !y) throw new RangeError(`not decimals: ${a}, ${b}`);
  const sx = signOf(a);
  const sy = signOf(b);
  if (sx !== sy) return sx < sy ? -1 : 1;
  const places = Math.max(x.fraction.length, y.fraction.length);
  const ax = BigInt(x.whole + x.fraction.padEnd(places, '0'));
  const ay = BigInt(y.whole + y.fraction.padEnd(places, '0'));
  const magnitude = ax === ay ? 0 : ax < ay ? -1 : 1;
  return (sx < 0 ? -magnitude : magnitude) as -1 | 0 | 1;
}

/** Rounds half away from zero to exactly `places` digits after the point: ("1.005", 2) -> "1.01", ("3", 2) -> "3.00". */
export function toPlaces(value: string, places: number): string {
  const p = parts(value);
  if (!p) return value;
  const kept = p.fraction.slice(0, places).padEnd(places, '0');
  let digits = BigInt(p.whole + kept);
  if ((p.fraction[places] ?? '0') >= '5') digits += 1n;
  const text = digits.toString().padStart(places + 1, '0');
  const whole = text.slice(0, text.length - places);
  const fraction = text.slice(text.length - places);
  const zero = digits === 0n;
  return `${p.negative && !zero ? '-' : ''}${whole}${places > 0 ? `.${fraction}` : ''}`;
}

/** Removes trailing zeros after the point: "1.2500" -> "1.25", "3.000" -> "3". */
export function trimZeros(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}

/** Inserts thousands separators into the whole part: "-1234567.5" -> "-1,234,567.5". */
export function groupThousands(value: string, separator = ','): string {
  const [whole = '', fraction] = value.split('.');
  const sign = whole.startsWith('-') || whole.startsWith('+') ? whole[0] : '';
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  return `${sign}${grouped}${fraction !== undefined ? `.${fraction}` : ''}`;
}

/** For charts and bar widths only: a float approximation. Never use it for amounts shown or sent. */
export function toChartNumber(value: string | null | undefined): number {
  return value ? Number(value) : Number.NaN;
}
