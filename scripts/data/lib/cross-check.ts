/**
 * Peer lists are a cross-check, never a source of scope: the build compares each with the scope it
 * read from the law's own text and fails on any disagreement that data/src/peer-disagreements.json
 * does not list with its reason (and on a listed one that no longer occurs, so the review stays true).
 */

export interface PeerCheck {
  /** a name for the comparison, the key in peer-disagreements.json */
  id: string;
  /** what the peer says is in scope (digits) */
  peer: readonly string[];
  /** what the law's text puts in scope (digits) */
  law: readonly string[];
}

export interface ReviewedDisagreement {
  side: 'peer-only' | 'law-only';
  codes: string[];
  reason: string;
}

export interface CheckResult {
  id: string;
  peerOnly: string[];
  lawOnly: string[];
  /** disagreements no reviewed entry lists */
  unlisted: string[];
  /** reviewed codes that agree now */
  stale: string[];
}

/** "7612100000" is how some peers write the 8-digit line 7612.10.00: the same scope */
function sameScope(code: string, other: ReadonlySet<string>): boolean {
  if (other.has(code)) return true;
  if (code.length === 10 && code.endsWith('00') && other.has(code.slice(0, 8))) return true;
  return code.length === 8 && other.has(`${code}00`);
}

export function crossCheck(check: PeerCheck, reviewed: readonly ReviewedDisagreement[]): CheckResult {
  const peer = new Set(check.peer);
  const law = new Set(check.law);
  const peerOnly = [...peer].filter((c) => !sameScope(c, law)).sort();
  const lawOnly = [...law].filter((c) => !sameScope(c, peer)).sort();
  const listed = (side: ReviewedDisagreement['side']): Set<string> => new Set(reviewed.filter((r) => r.side === side).flatMap((r) => r.codes));
  const listedPeer = listed('peer-only');
  const listedLaw = listed('law-only');
  const unlisted = [
    ...peerOnly.filter((c) => !listedPeer.has(c)).map((c) => `peer-only ${c}`),
    ...lawOnly.filter((c) => !listedLaw.has(c)).map((c) => `law-only ${c}`),
  ];
  const stale = [
    ...[...listedPeer].filter((c) => !peerOnly.includes(c)).map((c) => `peer-only ${c}`),
    ...[...listedLaw].filter((c) => !lawOnly.includes(c)).map((c) => `law-only ${c}`),
  ];
  return { id: check.id, peerOnly, lawOnly, unlisted, stale };
}

export function crossCheckReport(results: readonly CheckResult[]): string[] {
  const out = [
    '',
    'Peer lists and USITC footnotes ("footnotes-…") against the law (data/src/peer-disagreements.json and footnote-disagreements.json give the reason of each):',
  ];
  for (const r of results)
    out.push(`  ${r.id}: ${r.peerOnly.length} codes only the peer has, ${r.lawOnly.length} only the law has; unlisted ${r.unlisted.length}`);
  return out;
}
