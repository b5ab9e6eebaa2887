/**
 * Finding tariff lines by words: every word of the query must start a word of the line's
 * description — the whole indented path — or of one of its statistical suffixes, case and accents
 * aside, plural or singular ("shrimps" finds "shrimp", "battery" finds "batteries"). "lithium
 * batter" finds "Lithium-ion batteries"; results come in tariff order.
 */
import type { TariffLine } from '../core/types.js';

export interface SearchHit {
  line: TariffLine;
  /** the 10-digit suffix whose description matched, when the line's own did not */
  suffix: { hts: string; description: string } | null;
}

const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** the query's words, folded; an empty list when it has none */
export function queryWords(query: string): string[] {
  return fold(query)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** the forms of a query word that may start a word of the text: itself and its singular */
export function wordForms(w: string): string[] {
  const forms = [w];
  if (w.length > 4 && w.endsWith('ies')) forms.push(`${w.slice(0, -3)}y`);
  if (w.length > 4 && /(?:s|x|z|ch|sh)es$/.test(w)) forms.push(w.slice(0, -2));
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) forms.push(w.slice(0, -1));
  // a singular finds its plural by prefix ("shrimp" → "shrimps"), except a -y that becomes -ies
  if (w.length > 3 && /[^aeiou]y$/.test(w)) forms.push(`${w.slice(0, -1)}ies`);
  return forms;
}

function matches(text: string, words: readonly string[][]): boolean {
  const t = ` ${fold(text).replace(/[^a-z0-9]+/g, ' ')}`;
  return words.every((forms) => forms.some((w) => t.includes(` ${w}`)));
}

export function searchLines(lines: readonly TariffLine[], query: string, limit: number): { hits: SearchHit[]; total: number } {
  const words = queryWords(query).map(wordForms);
  const hits: SearchHit[] = [];
  let total = 0;
  for (const line of lines) {
    let hit: SearchHit | undefined;
    if (matches(line.description, words)) hit = { line, suffix: null };
    else {
      const s = line.suffixes.find((x) => matches(`${line.description} ${x.description}`, words));
      if (s) hit = { line, suffix: s };
    }
    if (!hit) continue;
    total++;
    if (hits.length < limit) hits.push(hit);
  }
  return { hits, total };
}
