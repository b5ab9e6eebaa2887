/** HTS codes: parsing what users type and printing them the way the tariff prints them. */

/** "9503.00.00", "950300", "8507.60.0020" → digits; undefined when not 4–10 digits. */
export function parseHtsInput(text: string): string | undefined {
  const t = text.trim();
  if (!/^\d[\d.\s]*$/.test(t)) return undefined;
  const digits = t.replace(/[.\s]/g, '');
  if (digits.length < 4 || digits.length > 10) return undefined;
  return digits;
}

/** digits → "9503.00.00" (8), "8507.60.00.20" style is not used: 10 digits print as "8507.60.0020". */
export function formatHts(digits: string): string {
  if (digits.length <= 4) return digits;
  if (digits.length <= 6) return `${digits.slice(0, 4)}.${digits.slice(4)}`;
  if (digits.length <= 8) return `${digits.slice(0, 4)}.${digits.slice(4, 6)}.${digits.slice(6)}`;
  return `${digits.slice(0, 4)}.${digits.slice(4, 6)}.${digits.slice(6)}`;
}
