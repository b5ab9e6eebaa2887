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

/**
 * One strict walk over a JSON text: calls `onValue` with the path and line of every value (and
 * `onDuplicate` for a key repeated in its object), and returns the offset of the first syntax
 * error, or -1 when the text is valid JSON.
 */
function walkJson(
  text: string,
  onValue?: (path: PropertyKey[], line: number) => void,
  onDuplicate?: (path: PropertyKey[], line: number, firstLine: number) => void,
): number {
  const track = onValue !== undefined || onDuplicate !== undefined;
  let i = 0;
  let line = 1;
  const ws = (): void => {
    while (i < text.length) {
      const c = text[i];
      if (c === '\n') line++;
      else if (c !== ' ' && c !== '\t' && c !== '\r') break;
      i++;
    }
  };
  const fail = (): never => {
    throw i;
  };
  const str = (): string => {
    if (text[i] !== '"') fail();
    const start = i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      i += text[i] === '\\' ? 2 : 1;
    }
    if (i >= text.length) fail();
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return fail();
    }
  };
  const value = (path: PropertyKey[], depth: number): void => {
    ws();
    if (depth > 512) fail();
    onValue?.(path, line);
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) {
        i++;
        return;
      }
      const seen = onDuplicate && c === '{' ? new Map<string, number>() : null;
      for (let n = 0; ; n++) {
        let key: PropertyKey = n;
        if (c === '{') {
          ws();
          const keyLine = line;
          key = str();
          if (seen) {
            const first = seen.get(key);
            if (first !== undefined) onDuplicate?.([...path, key], keyLine, first);
            else seen.set(key, keyLine);
          }
          ws();
          if (text[i] !== ':') fail();
          i++;
        }
        value(track ? [...path, key] : path, depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === close) {
          i++;
          return;
        }
        fail();
      }
    } else if (c === '"') {
      str();
    } else {
      const m = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
      if (!m) fail();
      i += (m as RegExpExecArray)[0].length;
    }
  };
  try {
    value([], 0);
    ws();
    return i < text.length ? i : -1;
  } catch (at) {
    return Math.min(at as number, text.length);
  }
}

export function pathText(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : /^[A-Za-z_$][\w$]*$/.test(String(k)) ? `.${String(k)}` : `[${JSON.stringify(String(k))}]`;
  return out;
}
