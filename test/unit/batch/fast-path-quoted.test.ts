/**
 * Records with quotes on one line on the batch fast path (src/batch/fast-rows.ts `cut`): a
 * free-text cell (id, description, an unknown column) quoted exactly as the CSV writer quotes its
 * value is priced and echoed as read; every other quoting goes to the full reader. Each file is
 * priced with the fast path and without it (`fastPath: false`, every row through CsvReader,
 * BatchPricer and `price`), which must give the same bytes, rejections and totals; the count of
 * rows the fast path served says which records it took.
 */
import { describe, expect, it } from 'vitest';
import { ChunkProcessor, type ChunkSetup } from '../../../src/batch/chunk.js';
import { chooseScenario, parseWhatIf } from '../../../src/schedule/scenario-choice.js';
import { bundledIndexFast } from '../../helpers.js';

const index = bundledIndexFast();

function priced(csv: string, fast: boolean, escapeFormulas: boolean) {
  const nl = csv.indexOf('\n');
  const header = csv.slice(0, nl).split(',');
  const scenario = chooseScenario(index.schedule.scenarios, 'geneva-30', parseWhatIf([], []));
  const setup: ChunkSetup = {
    run: { schedule: null, overlays: [], scenarios: ['geneva-30'], set: [], disable: [] },
    header,
    defaults: {},
    format: 'csv',
    inputFormat: 'csv',
    escapeFormulas,
    runNotes: [],
    today: '2026-05-01',
    strict: false,
    allowRagged: false,
    lineBreak: 'lf',
    fastPath: fast,
  };
  const r = new ChunkProcessor(index, scenario, setup).process(new Uint8Array(Buffer.from(csv.slice(nl + 1), 'utf8')), 2);
  const out = Buffer.from(typeof r.out === 'string' ? Buffer.from(r.out, 'utf8') : r.out);
  return { out, rejections: r.rejections, read: r.totals.read, priced: r.totals.priced, fast: r.totals.fast, byCurrency: r.totals.byCurrency };
}

/** 200 plain rows with `special` rows after every tenth; the fast path's count of rows served, once both paths agree */
function servedOf(special: readonly string[], escapeFormulas = true, header = 'id,hts,origin,value,description'): number {
  const rows: string[] = [];
  for (let i = 0; i < 200; i++) {
    rows.push(`P${i},8471.30.0100,CN,${100 + i},plain`);
    if (i % 10 === 0) rows.push(...special);
  }
  const csv = `${header}\n${rows.join('\n')}\n`;
  const fast = priced(csv, true, escapeFormulas);
  const full = priced(csv, false, escapeFormulas);
  expect(full.fast).toBe(0);
  expect(fast.rejections).toEqual(full.rejections);
  expect({ ...fast, fast: 0, out: null }).toEqual({ ...full, out: null });
  expect(fast.out.equals(full.out), 'the output rows differ').toBe(true);
  return fast.fast;
}

describe('quoted cells on the fast path = the full path, byte for byte', () => {
  it('a description quoted as written (a delimiter, doubled quotes, a quote at either end, non-ASCII) is served', () => {
    const special = [
      'Q1,8471.30.0100,CN,100,"solar module, small ""XL"""',
      'Q2,8471.30.0100,CN,100,"""quoted"" words"',
      'Q3,8471.30.0100,CN,100,"café, crème"',
      '"Q4,a",8471.30.0100,CN,100,"x,y"',
    ];
    // 200 plain rows and 20 × 4 quoted ones, all served
    expect(servedOf(special)).toBe(280);
  });

  it('quoting the writer would not write, or a quote where the fast path reads, goes to the full reader', () => {
    const special = [
      'N1,8471.30.0100,CN,100,"abc"', // quoted without need: written abc
      'N2,8471.30.0100,CN,100,""', // an empty quoted cell: written empty
      'N3,8471.30.0100,CN,100,"=1,2"', // a formula: escaped
      'N4,8471.30.0100,CN,100,"-1,2"',
      'N5,8471.30.0100,CN,100," a, b"', // a leading space
      'N6,8471.30.0100,CN,100,"a, b "', // a trailing space
      'N7,8471.30.0100,CN,100,"a,b"c', // text after the closing quote (the reader says so)
      'N8,8471.30.0100,CN,100,a"b', // a literal quote in an unquoted cell: quoted in the echo
      'N9,"8471.30.0100",CN,100,"a,b"', // a quoted HTS number
      'N10,8471.30.0100,CN,"100","a,b"', // a quoted value
      'N11,8471.30.0100,CN,100,"a,b",extra', // more fields than the header
      'N12,8471.30.0100,CN,"a,b"', // fewer
    ];
    // none of the 20 × 12 special rows is served: the 200 plain rows are
    expect(servedOf(special)).toBe(200);
  });

  it('with --no-escape-formulas a formula-like quoted cell still goes to the full reader (no regression either way)', () => {
    expect(servedOf(['F1,8471.30.0100,CN,100,"=1,2"', 'F2,8471.30.0100,CN,100,"ok, fine"'], false)).toBe(220);
  });

  it('a quoted cell in an unknown column is echoed as read', () => {
    const special = ['U1,8471.30.0100,CN,100,plain,"a, ""b"""', 'U2,8471.30.0100,CN,100,plain,"abc"'];
    const rows: string[] = [];
    for (let i = 0; i < 50; i++) rows.push(`P${i},8471.30.0100,CN,${100 + i},plain,note`, ...special);
    const csv = `id,hts,origin,value,description,remarks\n${rows.join('\n')}\n`;
    const fast = priced(csv, true, true);
    const full = priced(csv, false, true);
    expect(fast.out.equals(full.out)).toBe(true);
    // the 50 plain rows and the 50 U1 rows; the U2 rows ("abc" is written abc) are the full path's
    expect(fast.fast).toBe(100);
  });
});
