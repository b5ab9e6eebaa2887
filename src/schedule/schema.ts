/**
 * The schedule file format, as zod schemas. These are the single source of the raw file types
 * (`z.infer`) and of the JSON Schema that `tariff schedule schema` prints.
 *
 * Rates and money are strings ("7.5%", "634.62") so that no value passes through a binary float.
 * Every object is strict: an unknown key is an error, because a misspelt key (`"exlcude"`)
 * silently ignored would change duty without anyone noticing.
 */
import { z } from 'zod';
import { isRealDate } from '../core/dates.js';
import { isCountryCode } from '../core/countries.js';

export const SCHEMA_VERSION = 1;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a calendar date YYYY-MM-DD' })
  .refine((s) => isRealDate(s), { error: 'not a real calendar date' });

const slug = z.string().regex(/^[a-z0-9][a-z0-9.-]{0,79}$/, { error: 'expected a lower-case id of letters, digits, "-" and "." (e.g. "us-s301-list3")' });

/** digits that carry value: rates and amounts are held as exact integers, so at most 15 */
const significant = (s: string): number => s.replace(/[.%]/g, '').replace(/^0+/, '').length;

export const percent = z
  .string()
  .regex(/^\d{1,4}(\.\d{1,8})?%$/, { error: 'expected a percent string such as "7.5%"' })
  .refine((s) => significant(s) <= 15, { error: 'at most 15 significant digits' });

export const amount = z
  .string()
  .regex(/^\d{1,13}(\.\d{1,8})?$/, { error: 'expected a non-negative decimal string such as "32.71"' })
  .refine((s) => significant(s) <= 15, { error: 'at most 15 significant digits' });

const country = z.string().refine(isCountryCode, { error: 'expected an ISO 3166-1 alpha-2 country code such as "CN"' });

/** HTS prefix: 2–10 digits, dots allowed between digit pairs ("9503.00.00", "8507600020", "72"). */
export const htsPrefix = z.string().regex(/^\d{2}(\.?\d{2}){0,4}$/, { error: 'expected an HTS code of 2–10 digits, e.g. "9503.00.00" (keep leading zeros)' });

export const MODES = ['ocean', 'air', 'truck', 'rail', 'postal'] as const;
export const mode = z.enum(MODES);

const specificPart = z.strictObject({
  amount: amount.describe("in the importer's currency, per unit"),
  per: z.string().regex(/^[a-z][a-z0-9.]{0,15}$/, { error: 'expected a unit such as "kg", "item", "doz"' }),
});

export const rate = z
  .strictObject({
    adValorem: percent.optional().describe('ad valorem rate on the base, e.g. "25%"'),
    specific: specificPart.optional(),
    specifics: z
      .array(specificPart)
      .length(2)
      .optional()
      .describe('two specific parts in two different units, summed and rounded once ("4.4¢/liter + 31.4¢/pf. liter"): alone, in place of "specific"'),
    topUpTo: percent
      .optional()
      .describe(
        'a floor on the general duty: adds what brings the MFN duty to this percent of the base, nothing where MFN is already there ("15% inclusive of MFN")',
      ),
    topUpCounts: z
      .literal('general')
      .optional()
      .describe("with topUpTo: the floor counts the rate of column 1-General (the measure's words), not a special rate claimed in its place"),
    min: amount.optional().describe("floor for the line's amount, importer's currency"),
    max: amount.optional().describe("cap for the line's amount, importer's currency"),
  })
  .refine((r) => (r.adValorem !== undefined || r.specific !== undefined || r.specifics !== undefined) !== (r.topUpTo !== undefined), {
    error: 'a rate needs "adValorem", "specific" or both (compound); or "specifics" alone; or "topUpTo" alone',
  })
  .refine((r) => r.specifics === undefined || (r.adValorem === undefined && r.specific === undefined), {
    error: '"specifics" (two specific parts) stands alone: not with "adValorem" or "specific"',
    path: ['specifics'],
  })
  .refine((r) => r.specifics === undefined || (r.specifics[0]?.per !== r.specifics[1]?.per && !r.specifics.some((p) => p.per === 'shipment')), {
    error: 'the two parts of "specifics" are per two different units of quantity (not "shipment")',
    path: ['specifics'],
  })
  .refine((r) => r.topUpCounts === undefined || r.topUpTo !== undefined, {
    error: '"topUpCounts" qualifies a "topUpTo" floor: give it only with "topUpTo"',
    path: ['topUpCounts'],
  });

export const base = z.union([
  z.enum(['customs-value', 'customs-value+duty']),
  z.strictObject({
    content: z
      .string()
      .regex(/^[a-z][a-z-]{0,30}$/)
      .describe('material, e.g. "steel"'),
  }),
]);

export const source = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL of the source' });

export const measure = z.strictObject({
  id: slug,
  kind: z
    .enum(['duty', 'fee', 'tax', 'exemption', 'prohibition'])
    .default('duty')
    .describe('a prohibition excludes the goods from importation while in force: no price, the instrument instead (its rate is "0%")'),
  authority: slug.describe('legal authority, e.g. mfn, s301, s232, ieepa-fentanyl, ieepa-reciprocal, s122, cn-retaliation, mpf, hmf, vat'),
  title: z.string().min(1).max(200),
  importer: country,
  origins: z.array(z.union([z.literal('*'), country])).min(1),
  exceptOrigins: z.array(country).optional(),
  hts: z
    .array(z.union([z.literal('*'), htsPrefix]))
    .min(1)
    .describe('HTS prefixes in scope; "*" for all'),
  scopeInLineShards: z
    .literal(true)
    .optional()
    .describe('`hts` names headings (or chapters) only: the codes within them are in the line files of `lineShards` (their `scopes`), read with them'),
  exclude: z.array(htsPrefix).optional().describe('HTS prefixes excluded from the scope'),
  modes: z.array(mode).min(1).optional().describe('transport modes the measure applies to; all when absent'),
  exceptModes: z.array(mode).min(1).optional().describe('transport modes the measure does not apply to (it applies when the mode is not given)'),
  from: isoDate.describe('first entry date in force (inclusive)'),
  to: isoDate.optional().describe('first entry date no longer in force (exclusive)'),
  rate,
  base: base.optional(),
  threshold: amount
    .optional()
    .describe(
      'exemptions: goods value at or below which the exemption applies; a duty collected in lieu of others (inLieuOfOthers): the goods value above which it does not apply and the other duties do',
    ),
  replaces: z.array(slug).optional().describe('measure ids this measure replaces while both are in force'),
  notWith: z.array(slug).optional().describe('authorities or measure ids; where one of them applies this measure does not (on the value they cover)'),
  inLieuOfOthers: z.boolean().optional().describe('when applied, no other duty measure applies'),
  election: z
    .strictObject({ group: slug, option: slug, default: z.boolean().optional() })
    .optional()
    .describe(
      'one of several alternatives the importer or carrier chooses between (e.g. postal-method = ad-valorem | per-item); the default one applies unless another is elected',
    ),
  ref: z.string().min(1).max(200).describe('legal reference, e.g. Chapter 99 heading'),
  instrument: z.string().min(1).max(300),
  sources: z.array(source).min(1),
  suspended: z.strictObject({ since: isoDate, note: z.string().max(300) }).optional(),
  note: z.string().max(500).optional(),
  recurring: z
    .strictObject({ table: slug.describe('the table this row belongs to, e.g. "us-mpf-formal"') })
    .optional()
    .describe(
      'a row of a dated table renewed period by period (the MPF of each fiscal year): past its last row the result says the table ran out and what is not computed — never a silent zero',
    ),
  entryTypes: z
    .array(z.enum(['formal', 'informal']))
    .min(1)
    .optional()
    .describe('fees only: the entry types the fee is charged on (formal-entry MPF vs the informal-entry fee); all when absent'),
});

/** A programme code of HTSUS general note 3(c)(i) as the special column prints it: "KR", "A+", "E*". */
export const programmeCode = z.string().regex(/^[A-Z]{1,2}[*+]?$/, { error: 'expected a programme code of general note 3(c)(i) such as "KR", "A+" or "E*"' });

const chapter98or99 = z.string().regex(/^98\d\d\.\d\d\.\d\d$|^99\d\d\.\d\d\.\d\d$/);
const hts8 = z.string().regex(/^\d{4}\.\d\d\.\d\d$/);

const inQuota = z.strictObject({
  printed: z.string().min(1).max(300).describe('the reference as the column prints it ("See 9822.04.01-9822.04.03")'),
  provisions: z.array(chapter98or99).min(1).describe('the Chapter 98/99 provisions of the in-quota rate that name the line ("9822.04.01")'),
  notes: z
    .array(z.string().min(1).max(120))
    .min(1)
    .describe('the U.S. notes whose quantitative limits the provisions are subject to ("U.S. note 8(b) to subchapter XXII of chapter 98")'),
});

/** One "RATE (CODES)" group of a line's special column. */
export const specialGroup = z
  .strictObject({
    codes: z.array(programmeCode).min(1).describe('the programmes the tariff prints this rate for'),
    rate: rate.optional().describe('the special rate, when it is one this tool computes'),
    text: z.string().min(1).max(300).optional().describe('the rate as printed when it is not computed ("See 9822.04.01-9822.04.03")'),
    inQuota: inQuota
      .optional()
      .describe(
        'with `rate`: the rate is the in-quota rate of a tariff-rate quota the column refers to (Chapter 98/99), resolved at build time; a claim asserts the goods are within the quota',
      ),
    uncomputed: z
      .string()
      .min(1)
      .max(500)
      .optional()
      .describe(
        'with `text` (a Chapter 98/99 reference): why the build did not resolve it to one in-quota rate (with `byOrigin`: what a claim from an origin it does not list is told)',
      ),
    byOrigin: z
      .array(
        z.strictObject({
          origins: z.array(country).min(1).describe('the parties the provisions name ("Goods of Mexico or goods of the United States" → MX, US)'),
          rate: rate.describe('their rate under the code'),
          provisions: z.array(chapter98or99).min(1).describe('the provisions their goods are entered under ("9823.01.01")'),
          inQuota: inQuota.optional().describe('the rate is the in-quota rate of these provisions; absent: no quota'),
        }),
      )
      .min(1)
      .optional()
      .describe(
        'with `text` (a Chapter 98/99 reference whose provisions differ by party: S+, P+ 9822.05.15): the rate of each party the provisions name, resolved at build time',
      ),

    byProvision: z
      .array(
        z.strictObject({
          provision: chapter98or99.describe('the in-quota provision a claim names ("9919.04.51": `--claim PA:9919.04.51`)'),
          rate: rate.describe('its in-quota rate under the code'),
          inQuota: inQuota.optional().describe('the quota it counts against (its provisions: this one); absent: no quota, see `goods`'),
          goods: z
            .string()
            .min(1)
            .max(500)
            .optional()
            .describe('without a quota: the provision\'s own words, the goods a claim naming it asserts ("Of automotive air conditioners")'),
        }),
      )
      .min(2)
      .optional()
      .describe(
        "with `text` (a Chapter 98/99 reference whose provisions give several rates: Panama's two quotas, U.S. notes 6(a) and 6(b) to subchapter XIX of chapter 99, or rates by a condition of the goods without a quota, 9921.01.01/.02): each provision with its rate, resolved at build time; a claim names the one the goods are entered under",
      ),
    lineOf: z
      .strictObject({
        heading: z
          .string()
          .regex(/^\d{4}$/)
          .describe('the heading whose line gives the rate ("2009")'),
        goods: z.string().min(1).max(120).describe('what the line classifies, in the printed words ("the natural juice")'),
        lines: z
          .array(hts8)
          .min(1)
          .describe('the 8-digit lines of the heading in the edition that prints the words: the numbers a claim may name (`D:2009.89.65`)'),
      })
      .optional()
      .describe(
        'with `text` ("The rate applicable to the natural juice in heading 2009"): the rate is that of a line of the heading, resolved at build time from the words; a claim names the line (`--claim D:2009.89.65`) and is priced at that line\'s rate for the same programme on the date',
      ),
  })
  .refine((g) => (g.rate === undefined) !== (g.text === undefined), { error: 'a special group needs "rate" or "text" (not both)' })
  .refine((g) => g.inQuota === undefined || g.rate !== undefined, { error: 'a special group with "inQuota" needs its in-quota "rate"' })
  .refine((g) => g.byOrigin === undefined || g.text !== undefined, { error: 'a special group with "byOrigin" is a reference: it needs its "text"' })
  .refine((g) => g.byProvision === undefined || (g.text !== undefined && g.byOrigin === undefined), {
    error: 'a special group with "byProvision" is a reference: it needs its "text" (and no "byOrigin")',
  })
  .refine((g) => g.lineOf === undefined || (g.text !== undefined && g.byOrigin === undefined && g.byProvision === undefined), {
    error: 'a special group with "lineOf" is printed as the rate of a line of a heading: it needs its "text" (and no "byOrigin" or "byProvision")',
  });

export const line = z
  .strictObject({
    importer: country,
    hts: htsPrefix,
    description: z.string().min(1).max(4000),
    mfn: rate.optional().describe('the general (MFN) rate; absent when the tariff words it in a way this tool cannot compute (see mfnText)'),
    mfnText: z
      .string()
      .min(1)
      .max(300)
      .optional()
      .describe('the general rate as the tariff prints it, when it cannot be computed ("5¢/kg on drained weight"): pricing then needs --mfn'),
    mfnChanges: z
      .array(z.strictObject({ from: isoDate, rate }))
      .optional()
      .describe('later general rates, each in force from its date (a new edition of the tariff); `mfn` holds before the first'),
    column2: rate.optional().describe('the column 2 rate (for the countries the statute names), kept for reference'),
    special: z
      .array(specialGroup)
      .optional()
      .describe(
        'the special rate column (HTSUS general note 3(c)): each programme code with its rate, in force from `coverageFrom`; absent when the column is empty',
      ),
    specialChanges: z
      .array(z.strictObject({ from: isoDate, special: z.array(specialGroup) }))
      .optional()
      .describe('later special columns, each in force from its date (a new edition of the tariff); `special` holds before the first'),
    units: z.array(z.string().min(1).max(20)).max(4).optional().describe('units of quantity the tariff reports this line in'),
    suffixes: z
      .array(z.strictObject({ hts: htsPrefix, description: z.string().min(1).max(4000), units: z.array(z.string().min(1).max(20)).max(4).optional() }))
      .optional()
      .describe('statistical suffixes (10 digits) that inherit this line: for look-ups, not priced apart'),
    sources: z.array(source).min(1),
    coverageFrom: isoDate.optional().describe('the schedule models this line only from this date; earlier results carry a warning'),
    until: isoDate.optional().describe('first date the code is no longer in the tariff'),
    note: z.string().max(500).optional(),
  })
  .refine((l) => (l.mfn === undefined) !== (l.mfnText === undefined), {
    error: 'a line needs "mfn", or "mfnText" when the rate cannot be computed (not both)',
  });

export const importer = z.strictObject({
  name: z.string().min(1),
  currency: z.string().regex(/^[A-Z]{3}$/, { error: 'expected an ISO 4217 currency code such as "USD"' }),
  minorDigits: z.number().int().min(0).max(4).default(2),
  valuation: z.enum(['transaction-value', 'cif']).describe('transaction-value excludes international freight and insurance'),
  rounding: z.enum(['half-up', 'half-even', 'down', 'up']).default('half-up'),
  sources: z.array(source).min(1),
  column2: z
    .array(
      z.strictObject({
        origins: z.array(country).min(1),
        from: isoDate,
        to: isoDate.optional(),
        ref: z.string().min(1).max(200),
        sources: z.array(source).min(1),
      }),
    )
    .optional()
    .describe("origins charged the lines' column 2 rate in place of the general rate (HTSUS general note 3(b))"),
  informalEntry: z
    .strictObject({
      max: amount.describe('goods value up to which an entry may be informal (US: 2500, 19 CFR 143.21(a))'),
      chapter99Max: amount.optional().describe('lower limit for goods with an additional Chapter 99 duty (US: 250)'),
      chapter99MaxUntil: isoDate.optional().describe('first date the lower limit no longer applies (exclusive)'),
      sources: z.array(source).min(1),
    })
    .optional()
    .describe('when an entry may be informal; without it every entry is formal'),
});

export const fxRate = z.strictObject({
  from: z.string().regex(/^[A-Z]{3}$/),
  to: z.string().regex(/^[A-Z]{3}$/),
  date: isoDate.describe('first date the rate is used (inclusive); used until the next one'),
  rate: amount.describe('units of `to` per unit of `from`'),
  sources: z.array(source).min(1),
});

export const override = z.union([
  z.strictObject({ set: slug.describe('measure id or authority'), rate }),
  z.strictObject({ disable: slug.describe('measure id or authority') }),
  z.strictObject({ add: measure }),
]);

export const scenario = z.strictObject({
  id: slug,
  title: z.string().min(1).max(120),
  description: z.string().max(500),
  asOf: z.union([isoDate, z.null()]).describe('law date; null = each shipment under the law of its own entry date'),
  extends: slug.optional().describe("apply this scenario's overrides first"),
  whatIf: z.boolean().optional().describe('true when the scenario is hypothetical, not law that was in force'),
  summary: z.record(z.string().regex(/^[A-Z]{2}<-[A-Z]{2}$/), z.string().max(200)).optional(),
  overrides: z.array(override).optional(),
});

/**
 * The quarterly rates CBP pays on overpaid duties (19 U.S.C. 1505(c), 26 U.S.C. 6621), one row a
 * calendar quarter, each with its Federal Register notice. Rows follow each other without a gap;
 * a refund date past the last row is warned about at run time (the table runs out), never zero.
 */
export const interestTable = z
  .strictObject({
    table: slug.describe('the name of the table, for the run-out warning'),
    basis: z.string().min(1).max(400).describe('the law the interest follows, in words'),
    sources: z.array(source).min(1),
    quarters: z
      .array(
        z.strictObject({
          from: isoDate.describe('first day of the quarter (inclusive)'),
          to: isoDate.describe('first day of the next quarter (exclusive)'),
          corporate: percent.describe('overpayment rate for corporations'),
          nonCorporate: percent.describe('overpayment rate for non-corporations'),
          ref: z.string().min(1).max(200).describe('the Federal Register notice that publishes the rates'),
          sources: z.array(source).min(1),
        }),
      )
      .min(1),
  })
  .refine((t) => t.quarters.every((q, i) => q.from < q.to && (i === 0 || t.quarters[i - 1]?.to === q.from)), {
    error: 'interest quarters must be in order, each starting where the one before ends',
  });

export const refundProgram = z.strictObject({
  id: slug,
  title: z.string().min(1).max(200),
  importer: country,
  authorities: z.array(slug).min(1).describe('the duties refunded, e.g. ieepa-fentanyl, ieepa-reciprocal'),
  entryFrom: isoDate.describe('first entry date covered (inclusive)'),
  entryTo: isoDate.describe('first entry date no longer covered (exclusive)'),
  phase: z.string().min(1).max(200).describe('the refund phase now open, e.g. CBP CAPE Phase 1'),
  phaseFrom: isoDate,
  liquidatedWithinDays: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('entries liquidated at most this many days before the as-of date qualify; unliquidated entries always do'),
  sources: z.array(source).min(1),
  note: z.string().max(500).optional(),
  interest: interestTable.optional().describe('the interest CBP pays on the refunded duty'),
});

/**
 * What the general note of a programme says of the goods where the special column prints one of its
 * codes with a symbol (general note 7(d) for "E*", 29(a)(ii) for "P+"): on the lines under
 * `provisions` (absent: wherever the code is printed), goods of `origins` (absent: of every member) are either `refused` (the note excludes
 * them whatever the article) or may claim it on a `condition` of the article the tool cannot check
 * (fibre content, origin rules): the claim is then applied and the condition printed as a note.
 */
export const programmeLimit = z.strictObject({
  code: programmeCode.describe('the code of the special column the limit is for ("E*")'),
  rule: z.string().min(1).max(80).describe('the subdivision of the general note ("general note 7(d)(i)")'),
  provisions: z
    .array(htsPrefix)
    .min(1)
    .optional()
    .describe('the chapters, headings or subheadings (2–10 digits) whose lines it covers; absent: every line that prints the code'),
  origins: z.array(country).min(1).optional().describe('the members whose goods it concerns; absent: every member'),
  effect: z.enum(['refused', 'condition']).describe('refused: the claim is refused; condition: applied, with `text` as a note'),
  text: z.string().min(1).max(600).describe('what the note excludes or asks, in its words'),
  sources: z.array(source).min(1),
});

/**
 * A special tariff treatment programme of HTSUS general note 3(c)(i): the codes the special column
 * prints for it, the names a claim may use, the instrument, its own dates and who may claim it.
 */
export const programme = z.strictObject({
  codes: z.array(programmeCode).min(1).describe('the codes of the special column ("KR"; GSP: "A", "A*", "A+")'),
  names: z.array(slug).describe('documented names a claim may use besides the codes ("korus")'),
  title: z.string().min(1).max(200),
  importer: country,
  instrument: z.string().min(1).max(400).describe('the statute and the general note of the HTSUS'),
  from: isoDate.optional().describe('first entry date the programme applies (inclusive); absent: before every date modelled'),
  to: isoDate.optional().describe('first entry date it no longer applies (exclusive): lapsed or ended'),
  members: z
    .union([z.array(z.strictObject({ country, from: isoDate, to: isoDate.optional() })), z.literal('any')])
    .optional()
    .describe(
      'the countries whose goods may claim it, each from its date (to: exclusive); "any": goods of any origin may claim it (the programme is defined by the goods, e.g. civil aircraft); absent when the schedule does not list them (a claim is then refused)',
    ),
  gaps: z
    .array(
      z.strictObject({
        from: isoDate.describe('first entry date of the lapse (inclusive)'),
        to: isoDate.describe('first entry date the programme applies again (exclusive)'),
        note: z.string().min(1).max(600).describe('why, and what the law gives entries of the gap (a refund on request …)'),
        sources: z.array(source).min(1),
      }),
    )
    .optional()
    .describe(
      "periods inside the programme's dates when its authority had lapsed: a claim of an entry in [from, to) is refused as lapsed (a later retroactive refund on request does not change the duty owed at entry)",
    ),
  limits: z
    .array(programmeLimit)
    .optional()
    .describe(
      'what a code with a symbol ("E*", "P+") excludes or asks of the goods where the column prints it: a code with limits is applied only on the lines one of its limits names',
    ),
  note: z.string().max(600).optional(),
  sources: z.array(source).min(1),
});

export const meta = z.strictObject({
  title: z.string().min(1),
  version: z.string().min(1).max(40),
  verifiedThrough: isoDate,
  notModelled: z.array(z.string()).optional(),
});

export const schedule = z.strictObject({
  $schema: z.string().optional(),
  schemaVersion: z.literal(SCHEMA_VERSION),
  meta,
  importers: z.record(z.string().regex(/^[A-Z]{2}$/), importer),
  lineShards: z
    .strictObject({
      importer: country,
      lines: z.number().int().nonnegative(),
      dates: z.array(isoDate).describe("every coverageFrom, mfnChanges and until date of the shards' lines"),
      files: z.record(z.string().regex(/^lines\/[A-Z]{2}-\d{2}(\d{2})?\.json$/), z.string().regex(/^[0-9a-f]{64}$/)),
    })
    .optional()
    .describe('more lines of one importer in files beside this one, one per heading (or chapter), each with its sha256: read when a code of it is asked for'),
  lines: z.array(line),
  measures: z.array(measure),
  fx: z.array(fxRate).default([]),
  scenarios: z.array(scenario).default([]),
  refunds: z.array(refundProgram).default([]),
  programmes: z.array(programme).default([]).describe('the special tariff treatment programmes a --claim may name (HTSUS general note 3(c)(i))'),
});

/** A user's overlay file: named scenarios on top of a schedule. */
export const overlay = z.strictObject({
  $schema: z.string().optional(),
  schemaVersion: z.literal(SCHEMA_VERSION),
  scenarios: z.array(scenario).min(1),
});

/** The input shape: fields with defaults (fx, scenarios, refunds, kind ...) may be left out. */
export type RawSchedule = z.input<typeof schedule>;
export type RawMeasure = z.input<typeof measure>;
export type RawRate = z.input<typeof rate>;
export type RawLine = z.input<typeof line>;
export type RawSpecialGroup = z.input<typeof specialGroup>;
export type RawScenario = z.input<typeof scenario>;
export type RawOverride = z.input<typeof override>;
export type RawOverlay = z.input<typeof overlay>;
export type Mode = (typeof MODES)[number];
export type RawRefundProgram = z.input<typeof refundProgram>;
export type RawProgramme = z.input<typeof programme>;
export type RawProgrammeLimit = z.input<typeof programmeLimit>;
