/**
 * Exact decimals and integer money.
 *
 * A `Dec` is an exact decimal n / 10^s with integer n and scale s. Money is held as integer
 * minor units (cents). Every multiplication of money by a rate goes through `mulRound`, which is
 * exact: it uses plain integer arithmetic while the product stays below 2^53 and BigInt beyond.
 * No binary float is ever used to hold a fraction of a cent.
 */

export interface Dec {
  /** integer numerator */
  readonly n: number;
  /** power of ten in the denominator */
  readonly s: number;
}

export type Rounding = 'half-up' | 'half-even' | 'down' | 'up';

export const ZERO: Dec = { n: 0, s: 0 };
const POW10: number[] = [];
for (let i = 0; i <= 22; i++) POW10.push(10 ** i);

export function pow10(s: number): number {
  const p = POW10[s];
  if (p === undefined || s > 15) throw new RangeError(`scale ${s} is out of range`);
  return p;
}

const DECIMAL = /^(\d{1,16})(?:\.(\d{1,12}))?$/;

/** Parses an unsigned plain decimal ("12", "0.3464", "10000.00"). Returns undefined when not one. */
export function parseDec(text: string): Dec | undefined {
  const m = DECIMAL.exec(text);
  if (!m) return undefined;
  const frac = m[2] ?? '';
  const digits = (m[1] ?? '') + frac;
  const n = Number(digits);
  if (digits.replace(/^0+/, '').length > 16 || !Number.isSafeInteger(n)) return undefined; // beyond exact integers
  return normalise({ n, s: frac.length });
}

/** Parses a percent string ("7.5%" or "7.5") into a fraction (0.075). */
export function parsePercent(text: string): Dec | undefined {
  const body = text.endsWith('%') ? text.slice(0, -1) : text;
  const d = parseDec(body);
  return d && normalise({ n: d.n, s: d.s + 2 });
}

/** Removes trailing zeros so that equal decimals compare equal field by field. */
export function normalise(d: Dec): Dec {
  let { n, s } = d;
  while (s > 0 && n % 10 === 0) {
    n /= 10;
    s--;
  }
  return n === 0 ? ZERO : { n, s };
}

export function decToString(d: Dec): string {
  if (d.s === 0) return String(d.n);
  const neg = d.n < 0;
  const digits = String(Math.abs(d.n)).padStart(d.s + 1, '0');
  const out = `${digits.slice(0, -d.s)}.${digits.slice(-d.s)}`;
  return neg ? `-${out}` : out;
}

/** A fraction rendered as a percent: {n:75,s:3} → "7.5%". */
export function percentString(d: Dec): string {
  const pct = d.s >= 2 ? { n: d.n, s: d.s - 2 } : { n: d.n * pow10(2 - d.s), s: 0 };
  return `${decToString(normalise(pct))}%`;
}

export function decAdd(a: Dec, b: Dec): Dec {
  const s = Math.max(a.s, b.s);
  return normalise({ n: a.n * pow10(s - a.s) + b.n * pow10(s - b.s), s });
}

export function decCmp(a: Dec, b: Dec): number {
  const s = Math.max(a.s, b.s);
  const x = BigInt(a.n) * BigInt(pow10(s - a.s));
  const y = BigInt(b.n) * BigInt(pow10(s - b.s));
  return x < y ? -1 : x > y ? 1 : 0;
}

export function decIsZero(d: Dec): boolean {
  return d.n === 0;
}

/** Divides an exact integer numerator by 10^s with one rounding step. */
function roundDiv(num: bigint, den: bigint, mode: Rounding): bigint {
  const neg = num < 0n;
  const a = neg ? -num : num;
  let q = a / den;
  const r = a - q * den;
  if (r !== 0n) {
    switch (mode) {
      case 'half-up':
        if (r * 2n >= den) q += 1n;
        break;
      case 'half-even':
        if (r * 2n > den || (r * 2n === den && q % 2n === 1n)) q += 1n;
        break;
      case 'up':
        q += 1n;
        break;
      case 'down':
        break;
    }
  }
  return neg ? -q : q;
}

const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * The largest amount, in minor units (cents), that every output represents exactly: 15 digits.
 * A decimal of up to 15 significant digits survives the round trip through a JSON number (an
 * IEEE double holds 15.95 decimal digits), so 9,999,999,999,999.99 is printed and read back to
 * the cent in CSV, NDJSON and JSON alike; one cent more might not be.
 */
export const MAX_EXACT_MINOR = 999_999_999_999_999;

/** An amount the outputs can carry exactly (an integer within ±MAX_EXACT_MINOR). */
export function exactAmount(n: number): boolean {
  return Number.isSafeInteger(n) && Math.abs(n) <= MAX_EXACT_MINOR;
}

/**
 * amount × rate, rounded once to an integer in the amount's unit.
 * `amount` is an integer (cents); `rate` an exact decimal.
 */
export function mulRound(amount: number, rate: Dec, mode: Rounding = 'half-up'): number {
  if (rate.s === 0) return amount * rate.n;
  const den = pow10(rate.s);
  const p = amount * rate.n;
  if (mode === 'half-up' && p >= 0 && p <= SAFE && Number.isSafeInteger(p)) return divHalfUp(p, den);
  return Number(roundDiv(BigInt(amount) * BigInt(rate.n), BigInt(den), mode));
}

/**
 * p ÷ d rounded half-up, for non-negative safe integers p and d > 0: exact in doubles, because
 * the quotient the division gives is corrected by the remainder, which is exact.
 */
export function divHalfUp(p: number, d: number): number {
  let q = Math.floor(p / d);
  let r = p - q * d;
  if (r < 0) {
    q -= 1;
    r += d;
  } else if (r >= d) {
    q += 1;
    r -= d;
  }
  return r * 2 >= d ? q + 1 : q;
}

/**
 * The exact product of several decimals and an integer, divided and rounded once.
 * Used for specific duties: qty × rate-per-unit (in major units) → cents.
 */
export function productRound(parts: Dec[], integerFactor: number, mode: Rounding = 'half-up'): number {
  let num = BigInt(integerFactor);
  let s = 0;
  for (const d of parts) {
    num *= BigInt(d.n);
    s += d.s;
  }
  return Number(roundDiv(num, 10n ** BigInt(s), mode));
}

/** Rounds an exact rational num/den (BigInt) once. */
export function ratioRound(num: bigint, den: bigint, mode: Rounding = 'half-up'): number {
  return Number(roundDiv(num, den, mode));
}

/**
 * The one reader of money written plainly — ASCII digits, an optional point and at most
 * `minorDigits` decimals: no sign, no spaces, at most 16 characters — from `text[a, b)` straight
 * into minor units, without cutting a string out. -1 for any other text or an amount over `max`:
 * the callers' general paths (`parseDec`) read or explain those.
 */
export function plainMoney(text: string, a: number, b: number, minorDigits: number, max: number): number {
  if (a === b || b - a > 16) return -1;
  let v = 0;
  let i = a;
  for (; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    v = v * 10 + (c - 48);
  }
  if (i === a) return -1;
  let decimals = 0;
  if (i < b) {
    if (text.charCodeAt(i) !== 46 || i === b - 1) return -1;
    for (i++; i < b; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57 || decimals === minorDigits) return -1;
      v = v * 10 + (c - 48);
      decimals++;
    }
  }
  for (; decimals < minorDigits; decimals++) v *= 10;
  return v <= max ? v : -1;
}

/** cents → "13047.14" (no grouping). */
export function centsToPlain(cents: number, minorDigits = 2): string {
  if (minorDigits === 2 && cents >= 0) {
    // the hot path of CSV output: integer division on exact integers, no padding helpers
    const r = cents % 100;
    return `${(cents - r) / 100}.${r < 10 ? '0' : ''}${r}`;
  }
  return decToString({ n: cents, s: minorDigits });
}

/** cents → JSON number in major units (13047.14). The shortest repr of n/100 is exact text. */
export function centsToNumber(cents: number, minorDigits = 2): number {
  return Number(centsToPlain(cents, minorDigits));
}

/** cents → "10,000.00" */
export function centsGrouped(cents: number, minorDigits = 2): string {
  const plain = centsToPlain(Math.abs(cents), minorDigits);
  const point = plain.indexOf('.');
  const digits = point < 0 ? plain.length : point;
  // most amounts in words are under a thousand (a de minimis value, a fee): nothing to group
  const out = digits <= 3 ? plain : grouped(plain, digits);
  return cents < 0 ? `-${out}` : out;
}

/** `plain`'s first `digits` characters (digits only) in groups of three from the right, the rest after them */
function grouped(plain: string, digits: number): string {
  const first = digits % 3 || 3;
  let out = plain.slice(0, first);
  for (let i = first; i < digits; i += 3) out += `,${plain.slice(i, i + 3)}`;
  return out + plain.slice(digits);
}

/**
 * a/b · 10^digits rounded half-up to an integer (0 when b is 0): the numerator of
 * `ratioDec(a, b, digits)`, for a writer that prints its digits itself (the batch CSV's rate).
 */
export function ratioUnits(a: number, b: number, digits: number): number {
  if (b === 0) return 0;
  const scale = pow10(digits);
  const num = a * scale;
  // the exact integer path while a · 10^digits is a safe integer (divHalfUp); BigInt beyond
  if (a >= 0 && b > 0 && Number.isSafeInteger(num)) return divHalfUp(num, b);
  return ratioRound(BigInt(a) * BigInt(scale), BigInt(b));
}

/** An exact ratio a/b as a decimal fraction rounded half-up to `digits` places ("0.3" for 3000/10000). */
export function ratioDec(a: number, b: number, digits = 6): Dec {
  return normalise({ n: ratioUnits(a, b, digits), s: digits });
}
