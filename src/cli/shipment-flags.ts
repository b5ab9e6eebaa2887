/** The shipment given by flags, shared by calc, compare, timeline and sweep. */
import type { Schedule, Shipment } from '../core/types.js';
import { UsageError } from '../errors.js';
import type { FieldDefaults } from '../batch/columns.js';
import { parseShipment, type ShipmentFields } from '../io/shipment-input.js';
import { DEFAULT_IMPORTER } from '../core/countries.js';

export function contentFromFlags(list: unknown): Record<string, string> | undefined {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const item of list as string[]) {
    const m = /^([a-z][a-z-]*)=(.+)$/i.exec(item.trim());
    if (!m)
      throw new UsageError(`--content ${JSON.stringify(item)}: expected MATERIAL=SHARE or MATERIAL=VALUE`, [
        'e.g. --content steel=40% or --content steel=4000',
      ]);
    out[(m[1] as string).toLowerCase()] = m[2] as string;
  }
  return out;
}

const flagName = (f: string): string => `--${f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * One rule for flags: whatever is wrong with a flag — missing, an unknown choice, or a value that
 * cannot be read (`--date 2025/06/01`, `--value 12,500`, `--origin XX`) — is a usage error (exit
 * 2). A shipment that reads but cannot be priced (an HTS code the schedule lacks) is 65, as a bad
 * CSV row is.
 */
export function shipmentFromFlags(opts: ShipmentFields & { content?: unknown }, schedule: Schedule, today: string, dated: boolean): Shipment {
  if (opts.hts === undefined) throw new UsageError('missing --hts', ['e.g. --hts 9503.00.00 --origin CN --value 10000']);
  if (opts.origin === undefined) throw new UsageError('missing --origin', ['give the country of origin, e.g. --origin CN']);
  if (opts.value === undefined) throw new UsageError('missing --value', ['give the goods value, e.g. --value 10000']);
  const importer = (opts.importer ?? DEFAULT_IMPORTER).toUpperCase();
  const minorDigits = schedule.importers.get(importer)?.minorDigits ?? 2;
  const parsed = parseShipment({ ...opts, content: contentFromFlags(opts.content) }, flagName, { importer, minorDigits });
  // a flag that does not parse is a usage error (2), its problem's code kept
  if (!parsed.ok) throw new UsageError(parsed.issue.message, [parsed.issue.hint ?? ''], parsed.issue);
  const sh = parsed.value;
  // an undated scenario prices under the law of the entry date, today by default
  if (!dated && sh.date === undefined) sh.date = today;
  return sh;
}

/**
 * A batch's flags are defaults for its rows (`--date`, `--mode`, `--origin` …): a bad one would
 * reject every row that lacks the column (65 per row), so it is judged once, before reading, by
 * the same rule as a flag of one shipment (exit 2).
 */
export function checkFlagDefaults(defaults: FieldDefaults, schedule: Schedule): void {
  const importer = (defaults.importer ?? DEFAULT_IMPORTER).toUpperCase();
  const minorDigits = schedule.importers.get(importer)?.minorDigits ?? 2;
  // a well-formed stand-in for what the rows give: only the flags' own values can be at fault
  const probe = parseShipment({ hts: '9503.00.00', value: '1', origin: 'CN', ...defaults }, flagName, { importer, minorDigits });
  if (probe.ok) return;
  const { issue } = probe;
  if (Object.keys(defaults).some((k) => issue.path === flagName(k))) throw new UsageError(issue.message, [issue.hint ?? ''], issue);
}
