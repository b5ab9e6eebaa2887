/**
 * Which parts make a rate is said in two places that must agree: the schedule schema's refines
 * (schedule/schema.ts `rate`, with a message for each wrong shape) and the one constructor of the
 * kinds (core/rate-kinds.ts `rateOf`, through rateFromText). Every combination of the parts, present
 * or absent (7 parts: 128 shapes), is accepted by both or by neither.
 */
import { describe, expect, it } from 'vitest';
import { rateFromText } from '../../../src/core/rate-text.js';
import { rate } from '../../../src/schedule/schema.js';

const PARTS: [string, unknown][] = [
  ['adValorem', '25%'],
  ['specific', { amount: '0.5', per: 'kg' }],
  [
    'specifics',
    [
      { amount: '0.044', per: 'liter' },
      { amount: '0.314', per: 'pf.liter' },
    ],
  ],
  [
    'specifics-same-unit',
    [
      { amount: '1', per: 'kg' },
      { amount: '2', per: 'kg' },
    ],
  ],
  [
    'specifics-shipment',
    [
      { amount: '1', per: 'shipment' },
      { amount: '2', per: 'kg' },
    ],
  ],
  ['topUpTo', '15%'],
  ['topUpCounts', 'general'],
];

function shape(mask: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  PARTS.forEach(([name, value], i) => {
    if (!(mask & (1 << i))) return;
    // the three forms of "specifics" are one field: a later form replaces an earlier one, so each is tried alone too
    out[name.startsWith('specifics') ? 'specifics' : name] = value;
  });
  return out;
}

function constructs(r: Record<string, unknown>): boolean {
  try {
    rateFromText(r as Parameters<typeof rateFromText>[0]);
    return true;
  } catch {
    return false;
  }
}

describe('the schema and rateOf agree on every shape of a rate', () => {
  const shapes = new Map<string, Record<string, unknown>>();
  for (let mask = 0; mask < 1 << PARTS.length; mask++) {
    const s = shape(mask);
    shapes.set(JSON.stringify(s), s);
  }
  it.each([...shapes.keys()].map((k) => [k]))('%s', (key) => {
    const s = shapes.get(key) as Record<string, unknown>;
    expect(rate.safeParse(s).success).toBe(constructs(s));
  });

  it('both accept the five kinds and refuse the empty rate', () => {
    const ok = [
      { adValorem: '25%' },
      { specific: { amount: '0.5', per: 'kg' } },
      { adValorem: '5%', specific: { amount: '1', per: 'kg' } },
      { specifics: PARTS[2]?.[1] },
      { topUpTo: '15%', topUpCounts: 'general' },
    ];
    for (const r of ok) expect([rate.safeParse(r).success, constructs(r)], JSON.stringify(r)).toEqual([true, true]);
    expect([rate.safeParse({}).success, constructs({})]).toEqual([false, false]);
  });
});
