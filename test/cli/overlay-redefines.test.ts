/**
 * An overlay that redefines a scenario of the same id (a built-in one, or as-entered) changes the
 * figures printed under that name: the CSV says so in every row's notes (one shipment and a
 * batch, the fast path and worker threads alike), and stderr says so, as JSON and the table do.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runIn } from '../cli-runner.js';
import { run } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-redefine-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const overlay = join(dir, 'mine.json');
writeFileSync(
  overlay,
  '{ "schemaVersion": 1, "scenarios": [ { "id": "geneva-30", "title": "mine", "description": "d", "asOf": "2018-01-01" }, { "id": "as-entered", "title": "mine too", "description": "d", "asOf": "2018-01-01" } ] }\n',
);
const input = join(dir, 'in.csv');
writeFileSync(input, 'hts,origin,value\n9503.00.00,CN,100\n9503.00.00,CN,200\n');

describe('an overlay that redefines a scenario', () => {
  it.each(['geneva-30', 'as-entered'])('%s: every CSV row notes it (one shipment, a batch, --jobs 2), and stderr says it', (id) => {
    const note = `scenario ${id}: redefined by ${overlay} (law of 2018-01-01), replacing the one of the bundled schedule`;
    const single = runIn(['calc', '--scenario-file', overlay, '--scenario', id, '--hts', '9503.00.00', '--origin', 'CN', '--value', '100', '--format', 'csv']);
    const batch = runIn(['calc', input, '--scenario-file', overlay, '--scenario', id]);
    // spawned: worker threads (--jobs)
    const jobs = run(['calc', input, '--scenario-file', overlay, '--scenario', id, '--jobs', '2', '--format', 'csv'], {
      env: { TARIFF_WORKER_MIN_BYTES: '1' },
    });
    for (const r of [single, batch, jobs]) {
      expect(r.exitCode).toBe(0);
      const rows = r.stdout.trimEnd().split('\n').slice(1);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row).toContain(note);
      expect(r.stderr).toContain(`note: ${overlay} redefines the scenario ${id} of the bundled schedule: outputs labelled ${id} use the new one`);
    }
    // -q keeps stderr quiet; the CSV still carries it
    const quiet = runIn(['calc', input, '--scenario-file', overlay, '--scenario', id, '-q']);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toContain(note);
  });

  it('without the overlay: no such note', () => {
    const r = runIn(['calc', input, '--scenario', 'geneva-30']);
    expect(r.stdout).not.toMatch(/redefined/);
    expect(r.stderr).not.toMatch(/redefines/);
  });
});

describe('a scenario file is read to the cent', () => {
  it('a set rate capped in thousandths of a dollar is refused (78, its JSON path), not rounded', () => {
    const f = join(dir, 'thousandths.json');
    writeFileSync(
      f,
      JSON.stringify({
        schemaVersion: 1,
        scenarios: [
          { id: 'capped', title: 'Capped', description: 'a cap of $1.005', asOf: null, overrides: [{ set: 'mfn', rate: { adValorem: '10%', max: '1.005' } }] },
        ],
      }),
    );
    const r = runIn(['calc', '--scenario-file', f, '--scenario', 'capped', '--hts', '9503.00.00', '--origin', 'CN', '--value', '100']);
    expect(r.exitCode).toBe(78);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('$.scenarios[0].overrides[0].rate.max');
    expect(r.stderr).toContain('"1.005" has 3 decimals; the currency has 2');
  });
});
