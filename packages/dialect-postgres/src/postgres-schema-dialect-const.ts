import { quoteIdent, type PgType } from './postgres-schema-dialect-catalog.js';

/**
 * The text PostgreSQL prints for a constant of `type` read from `input` (the type's input
 * function followed by its output function), for the types whose output is predictable
 * without a server: integers, numeric (`1e5` is `100000`, `.50` is `0.50`), floats, booleans,
 * uuid, intervals written as a list of units (`'90 minutes'` is `'01:30:00'`), jsonb (keys re-ordered and spaced as jsonb stores them) and regclass/regconfig
 * names. Other types keep the input as written.
 *
 * @example
 * ```ts
 * constValue('numeric', '1e5');          // '100000'
 * constValue('jsonb', '{"b":1,"a":[1,2]}'); // '{"a": [1, 2], "b": 1}'
 * constValue('bool', 'yes');             // 'true'
 * ```
 */
export function constValue(type: PgType, input: string): string {
  switch (type) {
    case 'int2':
    case 'int4':
    case 'int8': {
      const m = /^\s*([+-]?)0*(\d+)\s*$/.exec(input);
      if (!m) return input;
      const digits = m[2] as string;
      return m[1] === '-' && digits !== '0' ? `-${digits}` : digits;
    }
    case 'numeric':
      return numericOut(input) ?? input;
    case 'float4':
    case 'float8':
      return floatOut(input, type === 'float4') ?? input;
    case 'bool':
      return boolOut(input) ?? input;
    case 'uuid': {
      const hex = input.trim().replace(/^\{|\}$/g, '').replaceAll('-', '').toLowerCase();
      if (!/^[0-9a-f]{32}$/.test(hex)) return input;
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    }
    case 'jsonb':
      return jsonbOut(input) ?? input;
    case 'interval':
      return intervalOut(input) ?? input;
    case 'regclass':
    case 'regconfig':
      return regNameOut(input) ?? input;
    default:
      return input;
  }
}

/** numeric_out of a numeric literal: plain decimal, the scale the input implies, no exponent. */
function numericOut(input: string): string | undefined {
  const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(input);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) {
    const special = /^\s*([+-]?)(nan|infinity|inf)\s*$/i.exec(input);
    if (!special) return undefined;
    if (/^nan$/i.test(special[2] as string)) return 'NaN';
    return `${special[1] === '-' ? '-' : ''}Infinity`;
  }
  const sign = m[1] === '-' ? '-' : '';
  const intPart = m[2] ?? '';
  const frac = m[3] ?? '';
  const exponent = Number(m[4] ?? '0');
  const digits = `${intPart}${frac}`;
  const scale = Math.max(0, frac.length - exponent);
  // Value = digits * 10^(exponent - frac.length); print it with `scale` decimals.
  const shift = exponent - frac.length;
  let unscaled = BigInt(digits === '' ? '0' : digits);
  const target = -scale; // the printed number is unscaled' * 10^-scale
  if (shift > target) unscaled *= 10n ** BigInt(shift - target);
  const text = unscaled.toString().padStart(scale + 1, '0');
  const whole = text.slice(0, text.length - scale);
  const decimals = text.slice(text.length - scale);
  const body = scale > 0 ? `${whole}.${decimals}` : whole;
  return unscaled === 0n ? body : `${sign}${body}`;
}

function floatOut(input: string, single: boolean): string | undefined {
  const trimmed = input.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return undefined;
  if (value !== 0 && (Math.abs(value) < 1e-4 || Math.abs(value) >= 1e15)) return undefined;
  if (!single) return Object.is(value, -0) ? '-0' : String(value);
  const f = Math.fround(value);
  for (let p = 1; p <= 9; p++) {
    const text = String(Number(f.toPrecision(p)));
    if (Math.fround(Number(text)) === f) return text;
  }
  return undefined;
}

function boolOut(input: string): string | undefined {
  const v = input.trim().toLowerCase();
  if (['t', 'tr', 'tru', 'true', 'y', 'ye', 'yes', 'on', '1'].includes(v)) return 'true';
  if (['f', 'fa', 'fal', 'fals', 'false', 'n', 'no', 'off', '0', 'of'].includes(v)) return 'false';
  return undefined;
}

/** regclass/regconfig output: the name folded as SQL folds it, quoted when needed, `public.` dropped. */
function regNameOut(input: string): string | undefined {
  const parts: string[] = [];
  const re = /\s*(?:"((?:[^"]|"")*)"|([A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*))\s*(\.|$)/y;
  let at = 0;
  while (at < input.length) {
    re.lastIndex = at;
    const m = re.exec(input);
    if (!m) return undefined;
    parts.push(m[1] !== undefined ? m[1].replaceAll('""', '"') : (m[2] as string).toLowerCase());
    at = re.lastIndex;
    if (m[3] === '') break;
  }
  if (parts.length === 0) return undefined;
  const names = parts.length === 2 && parts[0] === 'public' ? parts.slice(1) : parts;
  return names.map(quoteIdent).join('.');
}

/** jsonb_out: object keys by length then bytes (last duplicate wins), `", "` and `": "` separators, numbers as numeric. */
function jsonbOut(input: string): string | undefined {
  try {
    const [value, end] = readJson(input, skipWs(input, 0));
    return skipWs(input, end) === input.length ? value : undefined;
  } catch {
    return undefined;
  }
}

function skipWs(s: string, i: number): number {
  while (i < s.length && ' \t\n\r'.includes(s[i] as string)) i++;
  return i;
}

function readJson(s: string, i: number): [string, number] {
  const c = s[i];
  if (c === '{') {
    const entries = new Map<string, string>();
    let at = skipWs(s, i + 1);
    if (s[at] === '}') return ['{}', at + 1];
    for (;;) {
      const [key, afterKey] = readJsonString(s, at);
      at = skipWs(s, afterKey);
      if (s[at] !== ':') throw new Error('expected :');
      const [value, afterValue] = readJson(s, skipWs(s, at + 1));
      entries.delete(key);
      entries.set(key, value);
      at = skipWs(s, afterValue);
      if (s[at] === ',') at = skipWs(s, at + 1);
      else if (s[at] === '}') break;
      else throw new Error('expected , or }');
    }
    const keys = [...entries.keys()].sort((a, b) => byteLength(a) - byteLength(b) || compareBytes(a, b));
    return [`{${keys.map((k) => `${JSON.stringify(k)}: ${entries.get(k)}`).join(', ')}}`, at + 1];
  }
  if (c === '[') {
    const items: string[] = [];
    let at = skipWs(s, i + 1);
    if (s[at] === ']') return ['[]', at + 1];
    for (;;) {
      const [value, after] = readJson(s, at);
      items.push(value);
      at = skipWs(s, after);
      if (s[at] === ',') at = skipWs(s, at + 1);
      else if (s[at] === ']') break;
      else throw new Error('expected , or ]');
    }
    return [`[${items.join(', ')}]`, at + 1];
  }
  if (c === '"') {
    const [text, end] = readJsonString(s, i);
    return [JSON.stringify(text), end];
  }
  const literal = /^(true|false|null)/.exec(s.slice(i, i + 5));
  if (literal) return [literal[1] as string, i + (literal[1] as string).length];
  const num = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(s.slice(i));
  if (!num) throw new Error('bad JSON');
  return [numericOut(num[0]) ?? num[0], i + num[0].length];
}

function readJsonString(s: string, i: number): [string, number] {
  if (s[i] !== '"') throw new Error('expected string');
  let end = i + 1;
  while (end < s.length && s[end] !== '"') end += s[end] === '\\' ? 2 : 1;
  return [JSON.parse(s.slice(i, end + 1)) as string, end + 1];
}

function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

const US = { second: 1_000_000n, minute: 60_000_000n, hour: 3_600_000_000n } as const;
const MICROS: Record<string, bigint> = { microsecond: 1n, millisecond: 1000n, ...US };
const UNIT_ALIASES: Record<string, string> = {
  us: 'microsecond', usec: 'microsecond', usecs: 'microsecond', microseconds: 'microsecond', ms: 'millisecond', msec: 'millisecond',
  msecs: 'millisecond', milliseconds: 'millisecond', s: 'second', sec: 'second', secs: 'second', seconds: 'second', m: 'minute',
  min: 'minute', mins: 'minute', minutes: 'minute', h: 'hour', hr: 'hour', hrs: 'hour', hours: 'hour', d: 'day', days: 'day',
  w: 'week', weeks: 'week', mon: 'month', mons: 'month', months: 'month', y: 'year', yr: 'year', yrs: 'year', years: 'year',
};

/**
 * interval_out (IntervalStyle `postgres`) of an interval written as units (`'1 day 2 hours'`)
 * and/or a time (`'01:30'`); integer amounts only. `undefined` for anything else.
 */
function intervalOut(input: string): string | undefined {
  const parts = input.trim().toLowerCase().replace(/^@\s*/, '').split(/\s+/);
  let months = 0n;
  let days = 0n;
  let micros = 0n;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const time = /^([+-]?)(\d+):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,6}))?)?$/.exec(part);
    if (time) {
      const sign = time[1] === '-' ? -1n : 1n;
      const fraction = BigInt((time[5] ?? '').padEnd(6, '0'));
      micros += sign * (BigInt(time[2] as string) * US.hour + BigInt(time[3] as string) * US.minute + BigInt(time[4] ?? '0') * US.second + fraction);
      continue;
    }
    const amount = /^[+-]?\d+$/.test(part) ? BigInt(part) : undefined;
    const unitWord = parts[i + 1];
    if (amount === undefined || unitWord === undefined) return undefined;
    const unit = UNIT_ALIASES[unitWord] ?? unitWord;
    i++;
    if (unit === 'year') months += amount * 12n;
    else if (unit === 'month') months += amount;
    else if (unit === 'week') days += amount * 7n;
    else if (unit === 'day') days += amount;
    else if (MICROS[unit] !== undefined) micros += amount * (MICROS[unit] as bigint);
    else return undefined;
  }
  const out: string[] = [];
  let before = false;
  const add = (value: bigint, unit: string): void => {
    if (value === 0n) return;
    out.push(`${before && value > 0n ? '+' : ''}${value} ${unit}${value !== 1n ? 's' : ''}`);
    before = value < 0n;
  };
  add(months / 12n, 'year');
  add(months % 12n, 'mon');
  add(days, 'day');
  if (out.length === 0 || micros !== 0n) {
    const minus = micros < 0n;
    const abs = minus ? -micros : micros;
    const hours = abs / US.hour;
    const minutes = (abs % US.hour) / US.minute;
    const seconds = (abs % US.minute) / US.second;
    const fraction = (abs % US.second).toString().padStart(6, '0').replace(/0+$/, '');
    const pad = (n: bigint): string => n.toString().padStart(2, '0');
    out.push(`${minus ? '-' : before ? '+' : ''}${pad(hours)}:${pad(minutes)}:${pad(seconds)}${fraction === '' ? '' : `.${fraction}`}`);
  }
  return out.join(' ');
}
