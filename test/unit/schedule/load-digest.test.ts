/**
 * The SHA-256 that checks the line files a calc reads (src/schedule/load-digest.ts): the FIPS
 * 180-4 test vectors, and node:crypto's digest on every padding case and on random bytes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex, sha256HexJs, sha256HexNative } from '../../../src/schedule/load-digest.js';

const native = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('sha256HexJs', () => {
  it('gives the digests of the FIPS 180-4 examples (NIST CSRC example values)', () => {
    expect(sha256HexJs(text(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256HexJs(text('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    // 448 bits: the padding needs a second block
    expect(sha256HexJs(text('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with node:crypto on every length from 0 to 300 bytes (each padding case, block edges)', () => {
    const bytes = randomBytes(300);
    for (let n = 0; n <= 300; n++) expect(sha256HexJs(bytes.subarray(0, n)), `${n} bytes`).toBe(native(bytes.subarray(0, n)));
  });

  it('agrees with node:crypto on a line file-sized input and on bytes that are all 0xff', () => {
    const big = randomBytes(70_001);
    expect(sha256HexJs(big)).toBe(native(big));
    const ones = new Uint8Array(1000).fill(0xff);
    expect(sha256HexJs(ones)).toBe(native(ones));
  });

  it('reads only the view it is given (a Buffer slice of a larger pool)', () => {
    const pool = randomBytes(4096);
    const view = pool.subarray(100, 1100);
    expect(sha256HexJs(view)).toBe(native(Buffer.from(view)));
  });
});

describe('sha256Hex', () => {
  it('gives the same digest whether it hashes in JavaScript or hands over to node:crypto', () => {
    const small = randomBytes(5000);
    const large = randomBytes(300 * 1024); // over the JavaScript budget: node:crypto
    expect(sha256Hex(small)).toBe(native(small));
    expect(sha256Hex(large)).toBe(native(large));
    expect(sha256Hex(small)).toBe(native(small));
    expect(sha256HexNative(small)).toBe(native(small));
  });
});
