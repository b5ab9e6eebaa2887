/**
 * Schedule and overlay JSON is read strictly: a key repeated in one object (JSON.parse would keep
 * the last silently, so a doubled "mfn" changes a rate) is refused with its JSON path and lines,
 * exit 78, by `calc --schedule`, `schedule check`, `schedule lint` and `--scenario-file` alike.
 * And an overlay that reuses a built-in scenario id says so in the assumptions of the output.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { duplicateKey } from '../../src/schedule/json-locate.js';
import { runIn } from '../cli-runner.js';
import { FIXTURE } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-strict-json-'));

describe('duplicate keys', () => {
  it('duplicateKey finds the first repeated key with its path and both lines; none in valid files', () => {
    expect(duplicateKey('{"a": 1, "b": {"c": 2,\n "c": 3}}')).toEqual({ path: '$.b.c', line: 2, firstLine: 1 });
    expect(duplicateKey('{"l": [{"x": 1}, {"x": 2, "y": 1,\n\n"x": 9}]}')).toEqual({ path: '$.l[1].x', line: 3, firstLine: 1 });
    // the same key in different objects is fine
    expect(duplicateKey('[{"a": 1}, {"a": 2}, {"b": {"a": 3}}]')).toBeNull();
    expect(duplicateKey(readFileSync(FIXTURE, 'utf8'))).toBeNull();
    // escapes name the same key
    expect(duplicateKey('{"mfn": 1, "\\u006dfn": 2}')?.path).toBe('$.mfn');
  });

  // the fixture's first line has "mfn": 5%; a second "mfn": 50% would win silently
  const doubled = join(dir, 'doubled.json');
  writeFileSync(
    doubled,
    readFileSync(FIXTURE, 'utf8').replace('"mfn": { "adValorem": "5%" },', '"mfn": { "adValorem": "5%" }, "mfn": { "adValorem": "50%" },'),
  );
  const MSG = /doubled\.json:9: \$\.lines\[0\]\.mfn: duplicate key \(also on line 9\)/;

  for (const args of [
    ['schedule', 'check', doubled],
    ['schedule', 'lint', doubled],
    ['calc', '--schedule', doubled, '--hts', '0101.00.00', '--origin', 'DE', '--value', '100'],
  ]) {
    it(`${args.slice(0, 2).join(' ')}: exit 78 with the JSON path`, () => {
      const r = runIn(args);
      expect(r.exitCode).toBe(78);
      expect(r.stderr).toMatch(MSG);
      expect(r.stdout).toBe('');
    });
  }

  it('--scenario-file with a doubled key: exit 78', () => {
    const overlay = join(dir, 'overlay.json');
    writeFileSync(
      overlay,
      '{ "schemaVersion": 1, "scenarios": [\n  { "id": "mine", "title": "t", "description": "d", "asOf": "2025-01-01", "asOf": "2019-01-01" } ] }\n',
    );
    const r = runIn(['calc', '--scenario-file', overlay, '--scenario', 'mine', '--hts', '9503.00.00', '--origin', 'CN', '--value', '100']);
    expect(r.exitCode).toBe(78);
    expect(r.stderr).toMatch(/overlay\.json:2: \$\.scenarios\[0\]\.asOf: duplicate key \(also on line 2\)/);
  });
});

describe('an overlay that reuses a built-in scenario id', () => {
  it('is used, and every format says so in the assumptions', () => {
    const overlay = join(dir, 'geneva.json');
    writeFileSync(overlay, '{ "schemaVersion": 1, "scenarios": [ { "id": "geneva-30", "title": "mine", "description": "d", "asOf": "2018-01-01" } ] }\n');
    const base = ['calc', '--scenario-file', overlay, '--scenario', 'geneva-30', '--hts', '9503.00.00', '--origin', 'CN', '--value', '100'];
    const note = `scenario geneva-30: redefined by ${overlay} (law of 2018-01-01), replacing the one of the bundled schedule`;
    const json = runIn([...base, '--format', 'json']);
    expect(json.exitCode).toBe(0);
    expect(JSON.parse(json.stdout).assumptions).toContain(note);
    const table = runIn(base);
    expect(table.stdout).toContain(note);
    // without the overlay: the built-in scenario, no such assumption
    const builtIn = runIn(['calc', ...base.slice(3), '--format', 'json']);
    expect(builtIn.exitCode).toBe(0);
    expect(JSON.parse(builtIn.stdout).assumptions.join('\n')).not.toMatch(/redefined/);
  });
});
