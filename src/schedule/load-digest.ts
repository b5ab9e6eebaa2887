/**
 * SHA-256 of the files a run reads, hex. A calc reads one line file of a few kilobytes and checks
 * it against its hash; loading node:crypto for that costs more (~3 ms: it pulls in some twenty
 * internal modules) than hashing those bytes here. Large inputs (a whole schedule) go to
 * node:crypto, which is then worth its loading.
 */
import { createRequire } from 'node:module';

/**
 * Bytes hashed here per process before node:crypto takes over (a line file is 1–70 kB): past a
 * few files, as when a lookup of a whole chapter reads dozens, native hashing is the cheaper.
 */
export const JS_DIGEST_BUDGET_BYTES = 256 * 1024;
let jsBudget = JS_DIGEST_BUDGET_BYTES;

/**
 * From now on every file is hashed by node:crypto: a batch plans many kinds of rows, reading a line
 * file for each new heading, and the JavaScript hash, run cold, cost it ~20 ms more than loading node:crypto.
 */
export function digestNatively(): void {
  jsBudget = 0;
}

export function sha256Hex(bytes: Uint8Array): string {
  if (bytes.length > jsBudget) {
    jsBudget = 0;
    return sha256HexNative(bytes);
  }
  jsBudget -= bytes.length;
  return sha256HexJs(bytes);
}

/** node:crypto's digest: for large inputs, or many files (a full validation reads every line file). */
export function sha256HexNative(bytes: Uint8Array): string {
  const { createHash } = process.getBuiltinModule?.('node:crypto') ?? (createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto'));
  return createHash('sha256').update(bytes).digest('hex');
}

// FIPS 180-4, 4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74,
  0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d,
  0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e,
  0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
  0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** SHA-256 in plain JavaScript (FIPS 180-4): exact, and fast enough for tens of kilobytes. */
export function sha256HexJs(bytes: Uint8Array): string {
  // padding (5.1.1): a 1 bit, zeros, and the length in bits as a 64-bit big-endian number
  const blocks = Math.ceil((bytes.length + 9) / 64);
  const data = new Uint8Array(blocks * 64);
  data.set(bytes);
  data[bytes.length] = 0x80;
  const view = new DataView(data.buffer);
  const bits = bytes.length * 8;
  view.setUint32(data.length - 8, Math.floor(bits / 0x100000000));
  view.setUint32(data.length - 4, bits >>> 0);

  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  for (let off = 0; off < data.length; off += 64) {
    for (let t = 0; t < 16; t++) w[t] = view.getUint32(off + t * 4);
    for (let t = 16; t < 64; t++) {
      const a = w[t - 15] as number;
      const b = w[t - 2] as number;
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[t] = ((w[t - 16] as number) + s0 + (w[t - 7] as number) + s1) | 0;
    }
    let a = h[0] as number,
      b = h[1] as number,
      c = h[2] as number,
      d = h[3] as number;
    let e = h[4] as number,
      f = h[5] as number,
      g = h[6] as number,
      k = h[7] as number;
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (k + S1 + ch + (K[t] as number) + (w[t] as number)) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      k = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] = (h[0] as number) + a;
    h[1] = (h[1] as number) + b;
    h[2] = (h[2] as number) + c;
    h[3] = (h[3] as number) + d;
    h[4] = (h[4] as number) + e;
    h[5] = (h[5] as number) + f;
    h[6] = (h[6] as number) + g;
    h[7] = (h[7] as number) + k;
  }
  let hex = '';
  for (const word of h) hex += word.toString(16).padStart(8, '0');
  return hex;
}
