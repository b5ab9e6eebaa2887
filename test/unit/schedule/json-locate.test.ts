/**
 * The JSON walker behind the errors of schedule files: the line of a JSON path, the offset of
 * the first syntax error, and a key doubled in one object (JSON.parse keeps the last silently).
 * Offsets and lines are counted by hand on the short texts below.
 */
import { describe, expect, it } from 'vitest';
import { duplicateKey, jsonLocator, pathText, syntaxErrorAt } from '../../../src/schedule/json-locate.js';

describe('duplicateKey', () => {
  it.each([
    ['no duplicate', '{"a":1,"b":{"a":2}}', null],
    ['top level, both on line 1', '{"a":1,"a":2}', { path: '$.a', line: 1, firstLine: 1 }],
    ['nested, on lines 3 and 4', '{\n "x": [\n  {"k": 1,\n   "k": 2}]}', { path: '$.x[0].k', line: 4, firstLine: 3 }],
    // "\u0061" is "a": JSON.parse would keep one of them, so it is a duplicate
    ['an escaped spelling of the same key', '{"a":1,"\\u0061":2}', { path: '$.a', line: 1, firstLine: 1 }],
    ['an escaped quote in a key is part of it', '{"a\\"":1,"a":2}', null],
    ['a key that needs quoting in the path', '{"m":{"a b":1,"a b":2}}', { path: '$.m["a b"]', line: 1, firstLine: 1 }],
    ['the same key in two sibling objects is not a duplicate', '[{"a":1},{"a":2}]', null],
    ['a value string equal to a key does not count', '{"a":"a","b":"a"}', null],
    ['after a long number', `{"n":${'9'.repeat(500)},"n":1}`, { path: '$.n', line: 1, firstLine: 1 }],
    ['non-ASCII keys', '{"é":1,"é":2}', { path: '$["é"]', line: 1, firstLine: 1 }],
  ])('%s', (_, text, expected) => {
    JSON.parse(text); // every text here is valid JSON: duplicateKey is only called on those
    expect(duplicateKey(text)).toEqual(expected);
  });
});

describe('syntaxErrorAt: the offset where a strict reader stops', () => {
  it.each([
    // {"a":1,} — the "}" after the comma is offset 7 (0-based)
    ['a trailing comma', '{"a":1,}', 7],
    // {"a":"x\qy"} — a bad escape: the string is read past its closing quote (offset 10), then refused: 11
    ['a bad escape', '{"a":"x\\qy"}', 11],
    // a raw tab inside a string: offset 6
    ['a control character in a string', '{"a":"\t"}', 6],
    // an unterminated string runs to the end (length 7)
    ['an unterminated string', '{"a":"x', 7],
    ['a bare word', '{"a":nope}', 5],
    ['a leading zero', '[01]', 2],
    ['text after the value', '{} x', 3],
    ['valid', '{"a":[1,-2.5e3,true,false,null,"\\n"]}', 37],
  ])('%s', (_, text, at) => {
    expect(syntaxErrorAt(text)).toBe(at);
  });
});

describe('jsonLocator: the line of a path (a missing key at its parent)', () => {
  const text = '{\n "measures": [\n  {"id": "a",\n   "rate": "25%"},\n  {"id": "b"}\n ]\n}';
  const lineOf = jsonLocator(text);
  it.each([
    ['$.measures', 2],
    ['$.measures[0]', 3],
    ['$.measures[0].rate', 4],
    ['$.measures[1].id', 5],
    ['$.measures[1].rate', 5], // missing: its object's line
    ['$', 1],
  ])('%s is on line %i', (path, line) => {
    expect(lineOf(path)).toBe(line);
  });
});

describe('pathText', () => {
  it.each([
    [[], '$'],
    [['a', 0, 'b'], '$.a[0].b'],
    [['a b', '$x', '_y1'], '$["a b"].$x._y1'],
    [['1a'], '$["1a"]'],
  ] as [PropertyKey[], string][])('%j → %s', (path, text) => {
    expect(pathText(path)).toBe(text);
  });
});
