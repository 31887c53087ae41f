/**
 * Reads the Python literals a notebook's `parameters` cell assigns (what `ast.literal_eval`
 * accepts, restricted to values JSON can carry): None, True, False, int, float, str (with
 * every prefix but b/f, escapes, implicit concatenation), list, tuple and dict with string
 * keys. Anything else (a call, a name, a set, bytes, inf/nan, an int JSON would round) is not
 * a literal here, and the caller treats that parameter's default as unknown.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export class NotALiteral extends Error {}

const SIMPLE_ESCAPES: { readonly [c: string]: string } = {
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

class LiteralReader {
  private pos = 0;

  public constructor(private readonly text: string) {}

  public readAll(): JsonValue {
    const value = this.value();
    this.skipSpace();
    if (this.pos < this.text.length) throw new NotALiteral(`unexpected '${this.text.slice(this.pos, this.pos + 10)}'`);
    return value;
  }

  /** Spaces, and inside brackets also newlines, comments and line continuations. */
  private skipSpace(): void {
    for (;;) {
      const c = this.text[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') this.pos++;
      else if (c === '\\' && this.text[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '#') while (this.pos < this.text.length && this.text[this.pos] !== '\n') this.pos++;
      else return;
    }
  }

  private value(): JsonValue {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === undefined) throw new NotALiteral('missing value');
    if (c === '[') return this.sequence(']');
    if (c === '(') return this.parenthesized();
    if (c === '{') return this.dict();
    if (c === '-' || c === '+') {
      this.pos++;
      const operand = this.value();
      if (typeof operand !== 'number') throw new NotALiteral(`unary ${c} applies to numbers only`);
      return c === '-' ? -operand : operand;
    }
    if (/[0-9.]/.test(c)) return this.number();
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos))?.[0];
    if (word !== undefined) {
      const quote = this.text[this.pos + word.length];
      if ((quote === '"' || quote === "'") && /^(r|u|R|U)$/.test(word)) return this.strings();
      if (quote === '"' || quote === "'") throw new NotALiteral(`${word}-prefixed strings are not JSON values`);
      this.pos += word.length;
      if (word === 'None') return null;
      if (word === 'True') return true;
      if (word === 'False') return false;
      throw new NotALiteral(`'${word}' is not a literal`);
    }
    if (c === '"' || c === "'") return this.strings();
    throw new NotALiteral(`unexpected '${c}'`);
  }

  private number(): number {
    const rest = this.text.slice(this.pos);
    const match =
      /^0[xX](?:_?[0-9a-fA-F])+|^0[oO](?:_?[0-7])+|^0[bB](?:_?[01])+|^(?:[0-9](?:_?[0-9])*)?(?:\.(?:[0-9](?:_?[0-9])*)?)?(?:[eE][-+]?[0-9](?:_?[0-9])*)?/.exec(
        rest,
      );
    const token = match?.[0] ?? '';
    if (token === '' || token === '.' || /^[eE]/.test(token)) throw new NotALiteral(`bad number '${rest.slice(0, 10)}'`);
    const next = rest[token.length];
    if (next !== undefined && /[A-Za-z0-9_]/.test(next)) throw new NotALiteral(`'${rest.slice(0, token.length + 1)}' is not a JSON number`);
    this.pos += token.length;
    const digits = token.replace(/_/g, '');
    if (/^0[xXoObB]/.test(digits)) return this.exactInteger(BigInt(digits), token);
    if (/^[0-9]+$/.test(digits)) {
      if (/^0[0-9]/.test(digits) && /[1-9]/.test(digits)) throw new NotALiteral(`leading zeros in '${token}'`);
      return this.exactInteger(BigInt(digits), token);
    }
    const value = Number(digits);
    if (!Number.isFinite(value)) throw new NotALiteral(`${token} is out of range for a JSON number`);
    return value;
  }

  private exactInteger(value: bigint, token: string): number {
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new NotALiteral(`${token} is too large to keep exactly in JSON`);
    return Number(value);
  }

  /** One or more adjacent string literals, concatenated as Python does. */
  private strings(): string {
    let out = '';
    do {
      out += this.string();
      this.skipSpace();
    } while (/^(?:[rRuU]?)["']/.test(this.text.slice(this.pos, this.pos + 2)));
    return out;
  }

  private string(): string {
    let raw = false;
    if (/[rRuU]/.test(this.text[this.pos])) {
      raw = /[rR]/.test(this.text[this.pos]);
      this.pos++;
    }
    const quote = this.text[this.pos];
    const triple = this.text.startsWith(quote.repeat(3), this.pos);
    const delimiter = triple ? quote.repeat(3) : quote;
    this.pos += delimiter.length;
    let out = '';
    for (;;) {
      if (this.pos >= this.text.length) throw new NotALiteral('unterminated string');
      if (this.text.startsWith(delimiter, this.pos)) {
        this.pos += delimiter.length;
        return out;
      }
      const c = this.text[this.pos];
      if (c === '\n' && !triple) throw new NotALiteral('unterminated string');
      if (c !== '\\') {
        out += c;
        this.pos++;
      } else if (raw) {
        // A raw string keeps the backslash, and the next character cannot end the string.
        out += c + (this.text[this.pos + 1] ?? '');
        this.pos += 2;
      } else {
        out += this.escape();
      }
    }
  }

  private escape(): string {
    const c = this.text[this.pos + 1];
    this.pos += 2;
    if (c === undefined) throw new NotALiteral('unterminated string');
    if (c in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[c];
    if (/[0-7]/.test(c)) {
      const digits = c + (/^[0-7]{0,2}/.exec(this.text.slice(this.pos))?.[0] ?? '');
      this.pos += digits.length - 1;
      return String.fromCodePoint(parseInt(digits, 8));
    }
    const width = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
    if (width > 0) {
      const hex = this.text.slice(this.pos, this.pos + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex)) throw new NotALiteral(`bad \\${c} escape`);
      this.pos += width;
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) throw new NotALiteral(`\\${c}${hex} is not a Unicode code point`);
      return String.fromCodePoint(code);
    }
    if (c === 'N') throw new NotALiteral('\\N{...} escapes are not supported');
    // Python keeps an unknown escape as it is (and warns).
    return '\\' + c;
  }

  private items(close: string, item: () => void): boolean {
    this.pos++;
    let trailingComma = false;
    let count = 0;
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === close) {
        this.pos++;
        return count === 1 && trailingComma;
      }
      item();
      count++;
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        trailingComma = true;
      } else if (c === close) {
        trailingComma = false;
      } else {
        throw new NotALiteral(`expected ',' or '${close}'`);
      }
    }
  }

  private sequence(close: string): JsonValue[] {
    const values: JsonValue[] = [];
    this.items(close, () => values.push(this.value()));
    return values;
  }

  /** `(x)` is x; `()`, `(x,)` and `(x, y)` are tuples, which JSON carries as arrays. */
  private parenthesized(): JsonValue {
    const values: JsonValue[] = [];
    const oneWithComma = this.items(')', () => values.push(this.value()));
    return values.length === 1 && !oneWithComma ? values[0] : values;
  }

  private dict(): { [key: string]: JsonValue } {
    const out: { [key: string]: JsonValue } = {};
    this.items('}', () => {
      const key = this.value();
      this.skipSpace();
      if (this.text[this.pos] !== ':') throw new NotALiteral('sets are not JSON values');
      this.pos++;
      if (typeof key !== 'string') throw new NotALiteral('dict keys must be strings to be JSON object keys');
      // defineProperty: a key named __proto__ is data, not the object's prototype.
      Object.defineProperty(out, key, { value: this.value(), enumerable: true, writable: true, configurable: true });
    });
    return out;
  }
}

/** The JSON value of a Python literal expression; throws NotALiteral otherwise. */
export function parsePythonLiteral(source: string): JsonValue {
  return new LiteralReader(source).readAll();
}

/**
 * Splits Python source into logical lines: a newline inside brackets or a string, or after a
 * backslash, does not end a statement. Returns each statement's text and whether it starts at
 * column 0 (a top-level statement rather than the body of a block).
 */
export function logicalLines(source: string): { text: string; topLevel: boolean }[] {
  const lines: { text: string; topLevel: boolean }[] = [];
  let depth = 0;
  let start = 0;
  let i = 0;
  const end = (at: number) => {
    const text = source.slice(start, at);
    if (text.trim() !== '') lines.push({ text, topLevel: !/^[ \t]/.test(text) });
    start = at + 1;
  };
  while (i < source.length) {
    const c = source[i];
    if (c === '#') {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const delimiter = source.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      i += delimiter.length;
      while (i < source.length && !source.startsWith(delimiter, i)) {
        if (source[i] === '\n' && delimiter.length === 1) break;
        i += source[i] === '\\' ? 2 : 1;
      }
      i += delimiter.length;
      continue;
    }
    if (c === '\\' && source[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth = Math.max(0, depth - 1);
    else if (c === '\n' && depth === 0) end(i);
    i++;
  }
  end(source.length);
  return lines;
}

/** The text of a logical line before its trailing comment, and the comment (without '#'). */
export function splitComment(line: string): { code: string; comment: string | null } {
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === '#') return { code: line.slice(0, i), comment: line.slice(i + 1).trim() };
    if (c === '"' || c === "'") {
      const delimiter = line.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      i += delimiter.length;
      while (i < line.length && !line.startsWith(delimiter, i)) i += line[i] === '\\' ? 2 : 1;
      i += delimiter.length;
      continue;
    }
    i++;
  }
  return { code: line, comment: null };
}
