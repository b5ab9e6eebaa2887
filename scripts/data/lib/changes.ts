/**
 * What changed between two builds of the bundled schedule (`npm run data -- --changes [REF]`): the
 * measures that started, ended or changed (dates, rate, stacking), the codes added to or removed
 * from each measure's list, and the tariff lines added, removed or re-rated. The text is Markdown
 * for data/CHANGELOG.md. Both sides are the built files (data/schedule.json and data/lines/*), as
 * maps from path to text, so that a build in memory compares with a committed one.
 */

type Json = Record<string, unknown>;
interface MeasureView {
  id: string;
  title: string;
  ref: string;
  from: string;
  to?: string;
  rate: unknown;
  origins: string[];
  /** origins a measure leaves out ("*" less these) */
  exceptOrigins?: string[];
  replaces?: string[];
  notWith?: string[];
  election?: unknown;
  kind?: string;
  hts: string[];
}
interface LineView {
  hts: string;
  mfn?: unknown;
  mfnText?: string;
  mfnChanges?: unknown;
  until?: string;
  description?: string;
  suffixes?: { hts: string; description: string }[];
}

/** A schedule's measures with their whole scope (the codes kept in the line files put back). */
function measuresOf(files: ReadonlyMap<string, string>): Map<string, MeasureView> {
  const schedule = JSON.parse(files.get('data/schedule.json') ?? '{"measures":[]}') as { measures: Json[] };
  const scopes = new Map<string, string[]>();
  for (const [path, text] of files) {
    if (!path.startsWith('data/lines/')) continue;
    const shard = JSON.parse(text) as { scopes?: Record<string, string[]> };
    for (const [id, codes] of Object.entries(shard.scopes ?? {})) scopes.set(id, [...(scopes.get(id) ?? []), ...codes]);
  }
  const out = new Map<string, MeasureView>();
  for (const m of schedule.measures) {
    const v = m as unknown as MeasureView & { scopeInLineShards?: boolean };
    const hts = v.scopeInLineShards ? (scopes.get(v.id) ?? []) : v.hts.map((h) => h.replace(/\./g, ''));
    out.set(v.id, { ...v, hts: [...new Set(hts)].sort() });
  }
  return out;
}

function linesOf(files: ReadonlyMap<string, string>): Map<string, LineView> {
  const out = new Map<string, LineView>();
  for (const [path, text] of files) {
    if (!path.startsWith('data/lines/')) continue;
    // a line file writes the shared start of its descriptions once, as `prefix`
    const shard = JSON.parse(text) as { prefix?: string; lines: LineView[] };
    for (const l of shard.lines) out.set(l.hts, { ...l, description: `${shard.prefix ?? ''}${l.description ?? ''}` });
  }
  return out;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const rateWords = (r: unknown): string => JSON.stringify(r).replace(/"/g, '').replace(/[{}]/g, '');
const codes = (list: readonly string[], max = 12): string => `${list.slice(0, max).join(', ')}${list.length > max ? ` … (${list.length} in all)` : ''}`;

export function scheduleChanges(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  const a = measuresOf(before);
  const b = measuresOf(after);
  const started = [...b.values()].filter((m) => !a.has(m.id));
  const removed = [...a.values()].filter((m) => !b.has(m.id));
  for (const m of started)
    out.push(`- new: ${m.id} (${m.ref}) ${m.title}: ${rateWords(m.rate)} from ${m.from}${m.to ? ` to ${m.to}` : ''}; ${m.hts.length} codes`);
  for (const m of removed) out.push(`- removed: ${m.id} (${m.ref}) ${m.title}`);
  for (const [id, now] of b) {
    const was = a.get(id);
    if (!was) continue;
    const what: string[] = [];
    if (was.from !== now.from) what.push(`from ${was.from} → ${now.from}`);
    if (was.to !== now.to) what.push(`to ${was.to ?? 'open'} → ${now.to ?? 'open'}`);
    if (!same(was.rate, now.rate)) what.push(`rate ${rateWords(was.rate)} → ${rateWords(now.rate)}`);
    if (!same(was.origins, now.origins)) what.push('origins changed');
    const exceptWas = was.exceptOrigins ?? [];
    const exceptNow = now.exceptOrigins ?? [];
    if (!same(exceptWas, exceptNow)) what.push(`origins excepted ${exceptWas.join(', ') || 'none'} → ${exceptNow.join(', ') || 'none'}`);
    if (!same(was.replaces, now.replaces) || !same(was.notWith, now.notWith)) what.push('stacking changed');
    if (!same(was.election, now.election) || was.kind !== now.kind) what.push('kind or claim changed');
    if (was.ref !== now.ref) what.push(`ref ${was.ref} → ${now.ref}`);
    const oldSet = new Set(was.hts);
    const newSet = new Set(now.hts);
    const added = now.hts.filter((c) => !oldSet.has(c));
    const dropped = was.hts.filter((c) => !newSet.has(c));
    if (added.length) what.push(`+${added.length} codes (${codes(added)})`);
    if (dropped.length) what.push(`−${dropped.length} codes (${codes(dropped)})`);
    if (what.length) out.push(`- changed: ${id} (${now.ref}): ${what.join('; ')}`);
  }
  const la = linesOf(before);
  const lb = linesOf(after);
  const newLines = [...lb.keys()].filter((k) => !la.has(k)).sort();
  const goneLines = [...la.keys()].filter((k) => !lb.has(k)).sort();
  const rerated = [...lb.entries()]
    .filter(([k, l]) => {
      const o = la.get(k);
      return o !== undefined && (!same(o.mfn, l.mfn) || o.mfnText !== l.mfnText || !same(o.mfnChanges, l.mfnChanges) || o.until !== l.until);
    })
    .map(([k]) => k)
    .sort();
  const described = (l: LineView): unknown => [l.description, (l.suffixes ?? []).map((x) => [x.hts, x.description])];
  const redescribed = [...lb.entries()]
    .filter(([k, l]) => {
      const o = la.get(k);
      return o !== undefined && !same(described(o), described(l));
    })
    .map(([k]) => k)
    .sort();
  if (newLines.length) out.push(`- tariff lines added: ${newLines.length} (${codes(newLines)})`);
  if (goneLines.length) out.push(`- tariff lines removed: ${goneLines.length} (${codes(goneLines)})`);
  if (rerated.length) out.push(`- tariff lines re-rated or ended: ${rerated.length} (${codes(rerated)})`);
  if (redescribed.length) out.push(`- tariff lines re-described (the line or its statistical suffixes): ${redescribed.length} (${codes(redescribed)})`);
  const metaA = (JSON.parse(before.get('data/schedule.json') ?? '{}') as { meta?: Json }).meta ?? {};
  const metaB = (JSON.parse(after.get('data/schedule.json') ?? '{}') as { meta?: Json }).meta ?? {};
  if (metaA.verifiedThrough !== metaB.verifiedThrough) out.unshift(`- verified through ${String(metaA.verifiedThrough)} → ${String(metaB.verifiedThrough)}`);
  return out.length ? out : ['- no change to measures or lines'];
}
