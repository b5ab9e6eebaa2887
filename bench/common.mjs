/** Small helpers shared by bench/startup.mjs and bench/batch.mjs. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Exits 1 with a clear message unless the CLI has been built. */
export function requireBuiltCli() {
  const missing = ['dist/cli.js', 'bin/tariff.js'].filter((f) => !existsSync(join(ROOT, f)));
  if (missing.length > 0) {
    console.error(`bench: ${missing.join(' and ')} not found — run \`npm run build\` first`);
    process.exit(1);
  }
}

/** Median (mean of the two middle values when n is even). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
}

/** Positive integer from an env var, or the default; exits 2 on garbage. */
export function envInt(name, dflt) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n <= 0) {
    console.error(`bench: ${name}=${raw} is not a positive integer`);
    process.exit(2);
  }
  return n;
}

/** Plain text table; numeric-looking cells right-aligned. */
export function table(header, rows) {
  const all = [header, ...rows].map((r) => r.map((c) => String(c)));
  const w = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const num = (s) => /^[-+]?[\d.,]+ ?[×%]?$|^n\/a$|^—$/.test(s);
  // A column is right-aligned when every body cell in it looks numeric.
  const right = header.map((_, i) => rows.length > 0 && all.slice(1).every((r) => num(r[i])));
  const fmt = (r) =>
    r
      .map((c, i) => (right[i] ? c.padStart(w[i]) : c.padEnd(w[i])))
      .join('  ')
      .trimEnd();
  return [fmt(all[0]), w.map((n) => '-'.repeat(n)).join('  '), ...all.slice(1).map(fmt)].join('\n');
}

/** Quote an argv element for display as a POSIX shell word. */
export function shq(s) {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function fmtInt(n) {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a';
}

export function fmtNum(n, digits) {
  return Number.isFinite(n) ? n.toFixed(digits) : 'n/a';
}
