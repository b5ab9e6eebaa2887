/** Where the bundled schedule is: data/schedule.json at the package root, found from this module. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function bundledSchedulePath(): string {
  // this module is bundled into dist/ or dist/chunks/, and runs from src/ under the tests
  for (const rel of ['../data/schedule.json', '../../data/schedule.json', '../../../data/schedule.json']) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(p)) return p;
  }
  return fileURLToPath(new URL('../../data/schedule.json', import.meta.url));
}
