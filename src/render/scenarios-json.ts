/** The JSON documents of `tariff scenarios`: the named scenarios, or (--about) the schedule itself. */
import { plainTail, type CheckJson } from './frame.js';
import type { Importer, Scenario, Schedule } from '../core/types.js';
import { JSON_SCHEMA_VERSION, scheduleStamp, type ScheduleStamp } from './breakdown-json.js';

export interface ScenarioJson {
  id: string;
  title: string;
  asOf: string | null;
  whatIf: boolean;
  description: string;
  extends: string | null;
  /** the scenario's own one-line summaries of the two directions of trade */
  usOnCn: string | null;
  cnOnUs: string | null;
  /** how many overrides it makes */
  overrides: number;
  source: Scenario['origin'];
}

export interface AboutJson {
  title: string;
  version: string;
  hash: string;
  verifiedThrough: string;
  importers: { code: string; currency: string; valuation: Importer['valuation'] }[];
  /** every tariff line, those in the line files beside the schedule (lineShards) included */
  lines: number;
  /** the same by importer: { US: 11418, CN: 16 } */
  linesByImporter: Record<string, number>;
  measures: number;
  notModelled: readonly string[];
}

export interface ScenariosDocument {
  schemaVersion: number;
  schedule: ScheduleStamp;
  scenarios: ScenarioJson[];
  checks: CheckJson[];
  notes: string[];
}

export interface AboutDocument {
  schemaVersion: number;
  schedule: ScheduleStamp;
  about: AboutJson;
  checks: CheckJson[];
  notes: string[];
}

export function scenarioJson(s: Scenario): ScenarioJson {
  return {
    id: s.id,
    title: s.title,
    asOf: s.asOf,
    whatIf: s.whatIf,
    description: s.description,
    extends: s.extends,
    usOnCn: s.summary['US<-CN'] ?? null,
    cnOnUs: s.summary['CN<-US'] ?? null,
    overrides: s.overrides.length,
    source: s.origin,
  };
}

export function aboutJson(schedule: Schedule): AboutJson {
  return {
    title: schedule.meta.title,
    version: schedule.meta.version,
    hash: schedule.hash,
    verifiedThrough: schedule.meta.verifiedThrough,
    importers: [...schedule.importers.values()].map((i) => ({ code: i.code, currency: i.currency, valuation: i.valuation })),
    ...lineCounts(schedule),
    measures: schedule.measures.length,
    notModelled: schedule.meta.notModelled,
  };
}

export function scenariosDocument(schedule: Schedule, scenarios: readonly Scenario[]): ScenariosDocument {
  return { schemaVersion: JSON_SCHEMA_VERSION, schedule: scheduleStamp(schedule), scenarios: scenarios.map(scenarioJson), ...plainTail() };
}

export function aboutDocument(schedule: Schedule): AboutDocument {
  return { schemaVersion: JSON_SCHEMA_VERSION, schedule: scheduleStamp(schedule), about: aboutJson(schedule), ...plainTail() };
}

/**
 * Lines by importer, the shards' lines counted (a schedule loaded whole has them in `lines`
 * already; one loaded by shard has only their count): `scenarios --about` said "16 tariff lines"
 * for the 11,434 of the bundled schedule.
 */
function lineCounts(schedule: Schedule): { lines: number; linesByImporter: Record<string, number> } {
  const by: Record<string, number> = {};
  for (const code of schedule.importers.keys()) by[code] = 0;
  for (const l of schedule.lines) by[l.importer] = (by[l.importer] ?? 0) + 1;
  const sh = schedule.lineShards;
  if (sh !== null && (by[sh.importer] ?? 0) < sh.count) by[sh.importer] = (by[sh.importer] ?? 0) + sh.count;
  return { lines: Object.values(by).reduce((a, b) => a + b, 0), linesByImporter: by };
}
