/** `tariff scenarios`: the named scenarios, or with --about the schedule itself. */
import { renderGrid } from '../../render/grid.js';
import { loadSchedule, type Ctx, type GlobalOptions } from '../context.js';
import { emit } from '../emit.js';
import { aboutDocument, aboutJson, scenarioJson, scenariosDocument } from '../../render/scenarios-json.js';
import { renderRecords } from '../../render/records.js';

type ScenariosOptions = GlobalOptions & { format: string; about?: boolean };

export async function scenarios(opts: ScenariosOptions, ctx: Ctx): Promise<void> {
  const { schedule, scenarios: list } = await loadSchedule(opts);
  await emit(ctx, opts.about ? aboutText(schedule, opts, ctx) : scenariosText(schedule, list, opts, ctx));
}

type Loaded = Awaited<ReturnType<typeof loadSchedule>>;

/** --about: the schedule itself, its version, coverage and what it does not model */
function aboutText(schedule: Loaded['schedule'], opts: ScenariosOptions, ctx: Ctx): string {
  if (opts.format === 'json') return `${JSON.stringify(aboutDocument(schedule), null, 2)}\n`;
  const about = aboutJson(schedule);
  const flat = renderRecords(
    opts.format,
    {
      columns: ['key', 'value'],
      rows: [
        ['title', about.title],
        ['version', about.version],
        ['hash', about.hash],
        ['verified_through', about.verifiedThrough],
        ['importers', about.importers.map((i) => `${i.code} (${i.currency}, ${i.valuation})`).join('; ')],
        ['lines', about.lines],
        ['measures', about.measures],
        ...about.notModelled.map((n): [string, string] => ['not_modelled', n]),
      ],
    },
    ctx.csv,
  );
  if (flat !== undefined) return flat;
  const c = ctx.c;
  const lines = [
    c.bold(about.title),
    `version ${about.version} (sha256 ${about.hash}), verified through ${about.verifiedThrough}`,
    `importers: ${about.importers.map((i) => `${i.code} (${i.currency}, ${i.valuation})`).join(', ')}`,
    `${about.lines.toLocaleString('en-US')} tariff lines (${Object.entries(about.linesByImporter)
      .map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`)
      .join(', ')}), ${about.measures} measures`,
    c.bold('Not modelled:'),
    ...about.notModelled.map((n) => `  - ${n}`),
    'Results are estimates, not legal advice.',
  ];
  return `${lines.join('\n')}\n`;
}

function scenariosText(schedule: Loaded['schedule'], list: Loaded['scenarios'], opts: ScenariosOptions, ctx: Ctx): string {
  if (opts.format === 'json') return `${JSON.stringify(scenariosDocument(schedule, list), null, 2)}\n`;
  const rows = list.map(scenarioJson);
  const flat = renderRecords(
    opts.format,
    {
      columns: ['id', 'title', 'as_of', 'what_if', 'us_on_cn', 'cn_on_us', 'description'],
      headings: ['Scenario', 'Title', 'Law of', 'What-if', 'US on goods of China', 'China on goods of the US', 'Description'],
      rows: rows.map((r) => [r.id, r.title, r.asOf, r.whatIf, r.usOnCn, r.cnOnUs, r.description]),
    },
    ctx.csv,
  );
  if (flat !== undefined) return flat;
  const c = ctx.c;
  // the descriptions, then the two summaries, wrap to fit the terminal (--wide: no wrapping)
  const table = renderGrid({
    head: ['Scenario', 'Law of', 'US on goods of China', 'China on goods of the US', 'Description'].map((h) => c.bold(h)),
    rows: rows.map((r) => [r.id + (r.whatIf ? c.yellow(' (what-if)') : ''), r.asOf ?? 'entry date', r.usOnCn ?? '', r.cnOnUs ?? '', r.description]),
    width: ctx.tableWidth,
    flex: [0, 2, 3, 4],
  });
  return `${table}\n${c.dim(`schedule ${schedule.meta.version}, verified through ${schedule.meta.verifiedThrough}`)}\n`;
}
