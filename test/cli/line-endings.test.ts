/**
 * CR-only input (classic Mac OS, some exports): its lines are counted by CR, so a rejection names
 * the line it is on — not line 1 for every row, as counting LFs gave. LF and CRLF files count as
 * before. Through the real CLI for calc (in this thread and in worker threads) and for the
 * commands that read row by row (compare, refund, timeline), and on the splitter itself.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Splitter } from '../../src/batch/splitter.js';
import { runIn } from '../cli-runner.js';
import { run } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-eol-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = 'id,hts,origin,value,date';
const GOOD = ['A1,9503.00.00,CN,100,2025-06-02', 'A2,6109.10.00,CN,250.50,2025-06-02', 'A4,9503.00.00,CN,300,2025-06-02'];
const BAD = 'A3,9503.00.00,CN,12x5,2025-06-02';
/** header on line 1, good rows on 2 and 4 and 5, the bad row on line 3 (a blank line 6 before the end) */
const ROWS = [HEADER, GOOD[0], BAD, GOOD[1], GOOD[2], ''];
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('a CR-only file: rejections name their real line', () => {
  const cr = file('cr.csv', ROWS.join('\r'));
  const lf = file('lf.csv', ROWS.join('\n'));
  const crlf = file('crlf.csv', ROWS.join('\r\n'));

  it('calc: line 3 on stderr and in --rejects; the good rows are priced as from the LF file', () => {
    const rejects = join(dir, 'rejects-cr.csv');
    const r = runIn(['calc', '--input', cr, '--scenario', 'geneva-30', '--rejects', rejects]);
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toContain(`${cr}:3: value "12x5" is not a decimal number`);
    expect(r.stderr).not.toMatch(/cr\.csv:1:/);
    expect(readFileSync(rejects, 'utf8')).toMatch(/^id,hts,origin,value,date,line,error\nA3,9503\.00\.00,CN,12x5,2025-06-02,3,/);
    const fromLf = runIn(['calc', '--input', lf, '--scenario', 'geneva-30']);
    expect(fromLf.stderr).toContain(`${lf}:3: value "12x5"`);
    expect(r.stdout).toBe(fromLf.stdout);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(4); // header + 3 priced rows
  });

  it('calc --jobs 2: the same line numbers from worker threads, for rows far into the file', () => {
    // 3,000 rows: many slices; every 1,000th row is bad, on lines 1001, 2001, 3001
    const rows = Array.from({ length: 3000 }, (_, k) =>
      (k + 1) % 1000 === 0 ? `B${k},9503.00.00,CN,12x5,2025-06-02` : `R${k},9503.00.00,CN,${100 + k},2025-06-02`,
    );
    const big = file('big-cr.csv', `${[HEADER, ...rows].join('\r')}\r`);
    const env = { TARIFF_WORKER_MIN_BYTES: '0' };
    for (const jobs of ['1', '2']) {
      const rejects = join(dir, `rejects-big-${jobs}.csv`);
      // spawned: worker threads (--jobs) and TARIFF_WORKER_MIN_BYTES (read once) need a real process
      const r = run(['calc', '--input', big, '--scenario', 'geneva-30', '--jobs', jobs, '--rejects', rejects, '--format', 'ndjson'], { env });
      expect(r.exitCode, r.stderr).toBe(65);
      expect(r.stderr.match(/big-cr\.csv:\d+:/g)).toStrictEqual(['big-cr.csv:1001:', 'big-cr.csv:2001:', 'big-cr.csv:3001:']);
      expect(
        readFileSync(rejects, 'utf8')
          .split('\n')
          .slice(1, 4)
          .map((l) => l.split(',')[5]),
      ).toStrictEqual(['1001', '2001', '3001']);
      // ndjson output carries each priced row's line too
      const lines = r.stdout
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as { line: number }).line);
      expect(lines).toHaveLength(2997);
      expect(lines.slice(998, 1000)).toStrictEqual([1000, 1002]);
    }
  });

  it('compare, refund and timeline --input: line 3 too', () => {
    for (const args of [['compare', '--scenario', 'pre-2025,geneva-30'], ['refund'], ['timeline']]) {
      const r = runIn([...args, '--input', cr]);
      expect(r.exitCode, `${args[0]}: ${r.stderr}`).toBe(65);
      expect(r.stderr, args[0]).toContain(`${cr}:3: value "12x5" is not a decimal number`);
      expect(r.stderr, args[0]).not.toMatch(/cr\.csv:1:/);
    }
  });

  it('a CR-only file without a bad row prices every row (also with a final CR, and with --delimiter sniffing)', () => {
    const ok = file('ok-cr.csv', `${[HEADER, ...GOOD].join('\r')}\r`);
    const r = runIn(['calc', '--input', ok, '--scenario', 'geneva-30', '--summary']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(
      r.stdout
        .trimEnd()
        .split('\n')
        .map((l) => l.split(',')[0]),
    ).toStrictEqual(['id', 'A1', 'A2', 'A4']);
    const semi = file('ok-cr-semi.csv', [HEADER, ...GOOD, BAD].map((l) => l.replaceAll(',', ';')).join('\r'));
    const s = runIn(['calc', '--input', semi, '--scenario', 'geneva-30']);
    expect(s.stderr).toContain(`${semi}:5: value "12x5"`);
    expect(s.stdout.trimEnd().split('\n')).toHaveLength(4);
  });

  it('LF and CRLF files keep their line numbers, lone CRs in them included', () => {
    for (const f of [lf, crlf]) expect(runIn(['calc', '--input', f, '--scenario', 'geneva-30']).stderr).toContain(`${f}:3: value "12x5"`);
    // an LF file whose row 2 holds a stray lone CR: the records it separates share a line, as before
    const stray = file('stray.csv', `${HEADER}\n${GOOD[0]}\r${GOOD[1]}\n${BAD}\n`);
    expect(runIn(['calc', '--input', stray, '--scenario', 'geneva-30']).stderr).toContain(`${stray}:3: value "12x5"`);
  });
});

describe('Splitter: the line break of the whole input', () => {
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
  const slices = (chunks: string[]): { mode: string; firstLines: number[] } => {
    const sp = new Splitter('csv');
    const firstLines: number[] = [];
    for (const c of chunks) {
      const s = sp.push(enc(c));
      if (s) firstLines.push(s.firstLine);
    }
    const last = sp.end();
    if (last) firstLines.push(last.firstLine);
    return { mode: sp.lineBreak, firstLines };
  };

  it('a CR-only input counts CRs, also when a chunk ends on its first CR', () => {
    expect(slices(['h\r', 'a\rb\r', 'c\r\rd'])).toStrictEqual({ mode: 'cr', firstLines: [2, 4, 6] });
    expect(slices(['h\ra\rb\r', 'c\r\rd'])).toStrictEqual({ mode: 'cr', firstLines: [2, 4, 6] });
  });

  it('a CRLF input split between its first CR and LF is an LF input', () => {
    // a slice may begin with the LF of the CRLF before it: its first line is that LF's
    expect(slices(['h\r', '\na\r\nb\r', '\nc'])).toStrictEqual({ mode: 'lf', firstLines: [1, 3, 4] });
  });

  it('an LF input with lone CRs later is still an LF input', () => {
    expect(slices(['h\na\rb\n', 'c\n'])).toStrictEqual({ mode: 'lf', firstLines: [2, 3] });
  });
});
