/**
 * Inputs in a wide encoding (UTF-16, UTF-32), told apart from the first bytes: read as UTF-8 they
 * would be a header of NUL bytes and "missing columns". With a byte-order mark the mark says it
 * (UTF-32 first: its little-endian mark starts with the UTF-16 one); without one, the NUL bytes
 * of ASCII text do: every other byte (UTF-16) or three bytes in four (UTF-32). A CSV in UTF-8 has
 * no NUL byte in its first line.
 */

/** "UTF-16 (little-endian, no byte-order mark)", or null for anything that may be UTF-8. */
export function wideEncoding(b: Uint8Array): string | null {
  const at = (i: number): number => b[i] as number;
  if (b.length >= 4 && at(0) === 0xff && at(1) === 0xfe && at(2) === 0 && at(3) === 0) return 'UTF-32 (little-endian, with a byte-order mark)';
  if (b.length >= 4 && at(0) === 0 && at(1) === 0 && at(2) === 0xfe && at(3) === 0xff) return 'UTF-32 (big-endian, with a byte-order mark)';
  if (b.length >= 2 && at(0) === 0xff && at(1) === 0xfe) return 'UTF-16 (little-endian, with a byte-order mark)';
  if (b.length >= 2 && at(0) === 0xfe && at(1) === 0xff) return 'UTF-16 (big-endian, with a byte-order mark)';
  // ASCII text without a mark: look at the first few characters
  const n = Math.min(b.length, 64) & ~3;
  if (n < 4) return null;
  let zeros = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) if (at(i) === 0) zeros = zeros.map((z, k) => (k === i % 4 ? z + 1 : z));
  const per = n / 4;
  const [z0, z1, z2, z3] = zeros as [number, number, number, number];
  if (z1 === per && z2 === per && z3 === per && z0 === 0) return 'UTF-32 (little-endian, no byte-order mark)';
  if (z0 === per && z1 === per && z2 === per && z3 === 0) return 'UTF-32 (big-endian, no byte-order mark)';
  if (z1 + z3 >= per * 2 * 0.75 && z0 + z2 === 0) return 'UTF-16 (little-endian, no byte-order mark)';
  if (z0 + z2 >= per * 2 * 0.75 && z1 + z3 === 0) return 'UTF-16 (big-endian, no byte-order mark)';
  return null;
}
