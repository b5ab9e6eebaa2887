/**
 * Finds the line of a JSON path ("$.measures[3].rate") in a JSON text, so that an error can say
 * `schedule.json:118: $.measures[3].rate: ...`. Only used when reporting problems, on text that
 * JSON.parse already accepted.
 */

export function jsonLocator(text: string): (path: string) => number | undefined {
  let lines: Map<string, number> | undefined;
  return (path) => {
    lines ??= index(text);
    // a missing key is reported at its parent object
    for (let p = path; p.length > 0; p = parent(p)) {
      const line = lines.get(p);
      if (line !== undefined) return line;
    }
    return undefined;
  };
}

function parent(path: string): string {
  const m = /^(.*)(\.[^.[\]]+|\[[^\]]*\])$/.exec(path);
  return m ? (m[1] as string) : '';
}

function index(text: string): Map<string, number> {
  const out = new Map<string, number>();
  walkJson(text, (path, line) => out.set(pathText(path), line));
  return out;
}

/**
 * The offset of the first JSON syntax error (Node 20's JSON.parse does not say where).
 * Only called after JSON.parse has failed.
 */
export function syntaxErrorAt(text: string): number {
  const at = walkJson(text);
  return at < 0 ? text.length : at;
}

/**
 * The first key that occurs twice in one object (JSON.parse keeps the last silently: a doubled
 * "mfn" would change a rate without a word), with its JSON path and both lines; null if none.
 * Only called on text that JSON.parse accepted.
 */
export function duplicateKey(text: string): { path: string; line: number; firstLine: number } | null {
  let found: { path: string; line: number; firstLine: number } | null = null;
  walkJson(text, undefined, (path, line, firstLine) => {
    found ??= { path: pathText(path), line, firstLine };
  });
  return found;
}

type OnValue = (path: PropertyKey[], line: number) => void;
type OnDuplicate = (path: PropertyKey[], line: number, firstLine: number) => void;

/**
 * One strict walk over a JSON text: calls `onValue` with the path and line of every value (and
 * `onDuplicate` for a key repeated in its object), and returns the offset of the first syntax
 * error, or -1 when the text is valid JSON.
 */
function walkJson(text: string, onValue?: OnValue, onDuplicate?: OnDuplicate): number {
  const walk = new JsonWalk(text, onValue, onDuplicate);
  try {
    walk.value(0);
    walk.ws();
    return walk.i < text.length ? walk.i : -1;
  } catch (at) {
    return Math.min(at as number, text.length);
  }
}

/** The walker's position; a syntax error is thrown as its offset. */
class JsonWalk {
  i = 0;
  line = 1;
  /** the path of the value being walked: one array, pushed and popped (a copy per value made a 15 MB schedule's check slow) */
  private readonly path: PropertyKey[] = [];
  private readonly number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

  constructor(
    private readonly text: string,
    private readonly onValue?: OnValue,
    private readonly onDuplicate?: OnDuplicate,
  ) {}

  ws(): void {
    const { text } = this;
    while (this.i < text.length) {
      const c = text.charCodeAt(this.i);
      if (c === 0x0a) this.line++;
      else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) break;
      this.i++;
    }
  }

  private fail(): never {
    throw this.i;
  }

  /**
   * A string; its value only when `decode` (keys). Escapes are checked by JSON.parse of the
   * string, only when it has one: most strings have none, and a slice and a parse of every string
   * were most of the walk's time.
   */
  private str(decode: boolean): string {
    const { text } = this;
    if (text.charCodeAt(this.i) !== 0x22) this.fail();
    const start = this.i++;
    let escaped = false;
    for (let c = text.charCodeAt(this.i); this.i < text.length && c !== 0x22; c = text.charCodeAt(this.i)) {
      if (c < 0x20) this.fail();
      if (c === 0x5c) escaped = true;
      this.i += c === 0x5c ? 2 : 1;
    }
    if (this.i >= text.length) this.fail();
    this.i++;
    if (!escaped) return decode ? text.slice(start + 1, this.i - 1) : '';
    try {
      return JSON.parse(text.slice(start, this.i)) as string;
    } catch {
      return this.fail();
    }
  }

  value(depth: number): void {
    this.ws();
    if (depth > 512) this.fail();
    this.onValue?.(this.path, this.line);
    const c = this.text[this.i];
    if (c === '{' || c === '[') this.container(c, depth);
    else if (c === '"') this.str(false);
    else {
      this.number.lastIndex = this.i;
      const m = this.number.exec(this.text);
      if (!m) this.fail();
      this.i += (m as RegExpExecArray)[0].length;
    }
  }

  /** an object or an array, from its opening bracket `c` to its closing one */
  private container(c: '{' | '[', depth: number): void {
    const { text } = this;
    const close = c === '{' ? '}' : ']';
    this.i++;
    this.ws();
    if (text[this.i] === close) {
      this.i++;
      return;
    }
    const seen = this.onDuplicate && c === '{' ? new Map<string, number>() : null;
    for (let n = 0; ; n++) {
      this.path.push(c === '{' ? this.key(seen) : n);
      this.value(depth + 1);
      this.path.pop();
      this.ws();
      if (text[this.i] === ',') {
        this.i++;
        continue;
      }
      if (text[this.i] === close) {
        this.i++;
        return;
      }
      this.fail();
    }
  }

  /** an object's key and its colon; a key already `seen` in the object is reported */
  private key(seen: Map<string, number> | null): string {
    this.ws();
    const keyLine = this.line;
    const key = this.str(true);
    if (seen) {
      const first = seen.get(key);
      if (first !== undefined) this.onDuplicate?.([...this.path, key], keyLine, first);
      else seen.set(key, keyLine);
    }
    this.ws();
    if (this.text[this.i] !== ':') this.fail();
    this.i++;
    return key;
  }
}

export function pathText(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : /^[A-Za-z_$][\w$]*$/.test(String(k)) ? `.${String(k)}` : `[${JSON.stringify(String(k))}]`;
  return out;
}
