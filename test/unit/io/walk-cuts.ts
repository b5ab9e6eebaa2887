import { LineCuts } from '../../../src/io/csv-grammar.js';

/** Every record `LineCuts` cuts from `s`, start to end: [kind, end, next, line breaks] each. */
export function walkCuts(s: string): [number, number, number, number][] {
  const cuts = new LineCuts(s);
  const seen: [number, number, number, number][] = [];
  for (let pos = 0; pos < s.length; pos = cuts.next) {
    const kind = cuts.cut(pos);
    seen.push([kind, cuts.end, cuts.next, cuts.breaks]);
  }
  return seen;
}
