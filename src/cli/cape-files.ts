/**
 * `refund --cape DIR`: the CAPE declaration files of the refundable entries (src/core/cape.ts for
 * the format and its sources). Written as the entries come: each entry number once, in the order
 * first seen, 9,999 to a file (cape-declaration-001.csv, -002 …); the entries that need a protest
 * instead (liquidated before the phase) in protest-needed.csv with their deadline. Every file is
 * written atomically and only kept when the whole run succeeds.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CAPE_HEADER, CAPE_MAX_ENTRIES, capeEntryNumber, protestDeadline } from '../core/cape.js';
import type { LiquidationPhase, RefundStatus } from '../core/refund.js';
import { OutputError } from '../errors.js';
import { AtomicFile, ioReason } from '../io/atomic-file.js';

export interface CapeCounts {
  declared: number;
  files: string[];
  protest: number;
  protestPast: number;
  /** refundable rows with no entry number, or one that is not 11 letters and digits */
  noNumber: number;
}

export class CapeWriter {
  private readonly seen = new Set<string>();
  private current: AtomicFile | null = null;
  private inCurrent = 0;
  private readonly all: AtomicFile[] = [];
  private protestFile: AtomicFile | null = null;
  readonly counts: CapeCounts = { declared: 0, files: [], protest: 0, protestPast: 0, noNumber: 0 };

  constructor(
    readonly dir: string,
    readonly asOf: string,
  ) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (e) {
      throw new OutputError(`--cape ${dir}: cannot create the folder: ${ioReason(e)}`, ['give a folder you can write to']);
    }
  }

  /**
   * One priced row. Only refundable entries are declared; an entry whose liquidation is past the
   * phase goes to the protest list. Returns a warning for a refundable row it cannot declare.
   */
  add(e: { status: RefundStatus; entryNumber: string | null; liquidation: LiquidationPhase | null; liquidationDate: string | null }): string | null {
    if (e.status !== 'refundable') return null;
    const n = e.entryNumber === null ? null : capeEntryNumber(e.entryNumber);
    if (n === null) {
      this.counts.noNumber++;
      return e.entryNumber === null
        ? 'refundable, but no entry number: not declared (fill in its entry_number)'
        : `refundable, but entry number "${e.entryNumber}" is not 11 letters and digits: not declared`;
    }
    if (this.seen.has(n)) return null; // the entry's other lines
    this.seen.add(n);
    if (e.liquidation === 'outside-phase') {
      const deadline = protestDeadline(e.liquidationDate as string);
      const past = deadline < this.asOf;
      this.counts.protest++;
      if (past) this.counts.protestPast++;
      if (!this.protestFile) {
        this.protestFile = this.open('protest-needed.csv');
        this.protestFile.stream.write('entry_number,liquidation_date,protest_deadline,deadline_passed\n');
      }
      this.protestFile.stream.write(`${n},${e.liquidationDate},${deadline},${past}\n`);
      return null;
    }
    if (!this.current || this.inCurrent === CAPE_MAX_ENTRIES) {
      const name = `cape-declaration-${String(this.counts.files.length + 1).padStart(3, '0')}.csv`;
      this.current = this.open(name);
      this.counts.files.push(name);
      this.inCurrent = 0;
      this.current.stream.write(`${CAPE_HEADER}\n`);
    }
    this.current.stream.write(`${n}\n`);
    this.inCurrent++;
    this.counts.declared++;
    return null;
  }

  private open(name: string): AtomicFile {
    const f = new AtomicFile(join(this.dir, name));
    this.all.push(f);
    return f;
  }

  async commit(): Promise<void> {
    for (const f of this.all) await f.commit();
  }

  abort(): void {
    for (const f of this.all) f.abort();
  }
}
