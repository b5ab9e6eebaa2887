/**
 * The differential test of the batch fast path on whole files, in process: the same CSV body
 * priced by a ChunkProcessor (src/batch/chunk.ts) with the fast path (src/batch/fast-rows.ts, the
 * program of src/core/program.ts without a trail) and without it (`fastPath: false`: every row through
 * CsvReader, BatchPricer and `price`) gives byte-identical output rows, the same rejections (line,
 * column, message, code, raw record) and the same totals. That is what the CLI writes to stdout,
 * stderr and the rejects file: test/cli/calc-fast-path.test.ts checks a few runs of the built CLI
 * byte for byte (the delimiter rewrite, worker threads, --strict, an invalid byte).
 *
 * The seeded corpus (test/fast-path-corpus.ts) reaches every branch of both paths; each case also
 * asserts that the fast path served most rows, so the comparison is not vacuous. The figures of
 * random shipments are engines-agree.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { ChunkProcessor, type ChunkResult, type ChunkSetup } from '../../../src/batch/chunk.js';
import type { FieldDefaults } from '../../../src/batch/columns.js';
import { chooseScenario, parseWhatIf } from '../../../src/schedule/scenario-choice.js';
import { corpus, strayCrs } from '../../fast-path-corpus.js';
import { bundledIndexFast } from '../../helpers.js';

const index = bundledIndexFast();
const TODAY = '2026-05-01';

interface Options {
  scenario?: string;
  set?: string[];
  disable?: string[];
  defaults?: FieldDefaults;
  escapeFormulas?: boolean;
  strict?: boolean;
}

interface Outcome {
  out: Buffer;
  rejections: ChunkResult['rejections'];
  totals: Record<string, unknown>;
  fast: number;
  priced: number;
}

/** The CSV file priced as `calc --input` prices it: header split off, the body as slices of whole records. */
function priceFile(file: string | Buffer, o: Options, fast: boolean): Outcome {
  const bytes = typeof file === 'string' ? Buffer.from(file, 'utf8') : file;
  const nl = bytes.indexOf(10);
  const header = bytes.subarray(0, nl).toString('utf8').replace(/\r$/, '').split(',');
  const scenario = chooseScenario(index.schedule.scenarios, o.scenario ?? 'as-entered', parseWhatIf(o.set ?? [], o.disable ?? []));
  const setup: ChunkSetup = {
    run: { schedule: null, overlays: [], scenarios: [o.scenario], set: o.set ?? [], disable: o.disable ?? [] },
    header,
    defaults: o.defaults ?? {},
    format: 'csv',
    inputFormat: 'csv',
    escapeFormulas: o.escapeFormulas !== false,
    runNotes: [...(scenario.redefinitions ?? [])],
    today: TODAY,
    strict: o.strict === true,
    allowRagged: false,
    lineBreak: 'lf',
    fastPath: fast,
  };
  const chunk = new ChunkProcessor(index, scenario, setup);
  // slices of about 64 KiB cut after an LF outside quotes, as the splitter cuts them
  const body = bytes.subarray(nl + 1);
  const outs: Buffer[] = [];
  const rejections: ChunkResult['rejections'] = [];
  const sums = { read: 0, priced: 0, rejected: 0, prohibited: 0, staleRows: 0, fast: 0, byCurrency: new Map<string, unknown>() };
  let line = 2;
  for (let at = 0; at < body.length; ) {
    let end = Math.min(body.length, at + 65_536);
    if (end < body.length) {
      let quotes = 0;
      for (let i = at; i < end; i++) if (body[i] === 34) quotes++;
      while (end < body.length && (body[end - 1] !== 10 || quotes % 2 === 1)) {
        if (body[end] === 34) quotes++;
        end++;
      }
    }
    const slice = body.subarray(at, end);
    const r = chunk.process(new Uint8Array(slice), line);
    outs.push(Buffer.from(typeof r.out === 'string' ? Buffer.from(r.out, 'utf8') : r.out));
    chunk.reuse(r);
    rejections.push(...r.rejections);
    sums.read += r.totals.read;
    sums.priced += r.totals.priced;
    sums.rejected += r.totals.rejected;
    sums.prohibited += r.totals.prohibited;
    sums.staleRows += r.totals.staleRows;
    sums.fast += r.totals.fast;
    for (const [cur, t] of r.totals.byCurrency) {
      sums.byCurrency.set(`${cur}@${at}`, { ...t, dutyByAuthority: [...t.dutyByAuthority] });
    }
    for (let i = 0; i < slice.length; i++) if (slice[i] === 10) line++;
    if (o.strict && r.rejections.length) break;
    at = end;
  }
  const { fast: served, ...totals } = sums;
  return { out: Buffer.concat(outs), rejections, totals, fast: served, priced: sums.priced };
}

function compare(file: string | Buffer, o: Options = {}, minFastShare = 0.5): void {
  const fast = priceFile(file, o, true);
  const full = priceFile(file, o, false);
  expect(fast.priced).toBeGreaterThan(0);
  // the corpus is built so that most rows are plain: the fast path must have served them
  expect(fast.fast / fast.priced).toBeGreaterThanOrEqual(minFastShare);
  expect(full.fast).toBe(0);
  expect(fast.rejections).toEqual(full.rejections);
  expect(fast.totals).toEqual(full.totals);
  // bytes, not text: a decoding would make a raw invalid byte and its U+FFFD look the same
  expect(fast.out.equals(full.out), 'the output rows differ').toBe(true);
}

// one generator, drawn in the order of the CLI test's files
const gen = corpus(42);
const plain = gen.file(6000, false);
const extra = gen.file(3000, true);
const crlf = gen.file(2000, false, '\r\n');
gen.file(2000, false); // the semicolon file: through the CLI only (the delimiter rewrite is the input layer's)
const strayCr = strayCrs(gen.file(2000, false));
const noOrigin = gen.noOrigin(1500);

describe('fast path = full path, byte for byte, in process', () => {
  for (const scenario of ['as-entered', 'pre-2025', 'peak-145', 'geneva-30', 'busan-20', 's122-2026', 'snapback-34']) {
    it(`scenario ${scenario}`, () => compare(plain, { scenario }));
  }
  it('extra columns filled on some rows (currency, entry type, claim, quantity, content, the Chinese importer)', () => compare(extra, {}, 0.3));
  it('CRLF line ends', () => compare(crlf));
  it('lone CRs inside an LF file', () => compare(strayCr, {}, 0.3));
  it('flag defaults for the columns a file lacks', () => compare(noOrigin, { defaults: { origin: 'DE', mode: 'ocean', date: '2025-09-01' } }));
  it('what-ifs (--set, --disable)', () => compare(plain, { scenario: 'geneva-30', set: ['ieepa-reciprocal=34%'], disable: ['s301'] }));
  it('--no-escape-formulas', () => compare(plain, { escapeFormulas: false }));
  it('--strict stops at the same row', () => {
    const fast = priceFile(plain, { strict: true }, true);
    const full = priceFile(plain, { strict: true }, false);
    expect(fast.rejections.length).toBeGreaterThan(0);
    expect(fast.rejections[0]).toEqual(full.rejections[0]);
  });
});

/**
 * Inputs a review found to differ between the paths (each failed before its fix): the fast path
 * must decline what the full path rejects or writes otherwise, whatever rows came before.
 */
describe('fast path = full path on hand cases, in process', () => {
  const many = (row: (i: number) => string, n = 400): string[] => Array.from({ length: n }, (_, i) => row(i));

  it('an HTS code with colons for points, after the same code with points (a packed kind must not match it)', () => {
    const rows = many((i) => `P${i},8471.30.0100,CN,${100 + i}`);
    // ':' is the character after '9': a code of digits and colons must be read, not packed as if it had points
    rows.splice(200, 0, 'C1,8471:30:0100,CN,100', 'C2,8471.30:0100,CN,100', 'C3,9503:00:00,CN,100');
    compare(`id,hts,origin,value\n${rows.join('\n')}\n`, { scenario: 'geneva-30' });
  });

  it('a flag default with a space, and the same text in a cell (that cell is quoted in the echo)', () => {
    const rows = many((i) =>
      i % 4 === 0 ? `E${i},8471.30.0100,,${100 + i}` : i % 4 === 1 ? `L${i},8471.30.0100,CN ,${100 + i}` : `D${i},8471.30.0100,DE,${100 + i}`,
    );
    compare(`id,hts,origin,value\n${rows.join('\n')}\n`, { scenario: 'geneva-30', defaults: { origin: 'CN ' } }, 0.3);
    // the same with the importer column (the rows that leave the importer to the default go the full path; those that say US do not)
    const withImporter = `id,hts,origin,value,importer\n${rows.map((r, i) => `${r},${i % 4 === 1 ? 'US ' : i % 4 === 2 ? 'US' : ''}`).join('\n')}\n`;
    compare(withImporter, { scenario: 'geneva-30', defaults: { origin: 'CN ', importer: 'US ' } }, 0.2);
  });

  it('more distinct entry dates than the fast path numbers (4,096): the later ones found by search, kinds interleaved', () => {
    // 2012-01-01 + 5,000 days runs to 2025-09-09, across every 2025 change for China; each row a new date
    const day = (i: number): string => new Date(Date.UTC(2012, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const kinds = ['9503.00.00,CN,ocean', '8471.30.0100,CN,air', '7208.10.15,DE,ocean', '9503.00.00,MX,truck'];
    const rows = many((i) => `T${i},${kinds[i % kinds.length]},${100 + ((i * 37) % 5000)},${day(i)}`, 5000);
    // and the first dates again, after the numbered ones ran out
    rows.push(...many((i) => `R${i},${kinds[(i + 1) % kinds.length]},${250 + i},${day(i * 7)}`, 200));
    compare(`id,hts,origin,mode,value,date\n${rows.join('\n')}\n`);
  });

  it('an invalid UTF-8 byte inside a field (read as U+FFFD: as many code units as bytes, but not ASCII)', () => {
    const rows = many((i) => `I${i},8471.30.0100,CN,${100 + i}`);
    const text = `id,hts,origin,value\n${rows.slice(0, 100).join('\n')}\nab\x80cd,8471.30.0100,CN,100\n${rows.slice(100).join('\n')}\n`;
    compare(Buffer.from(text, 'latin1'), { scenario: 'geneva-30' });
  });
});
