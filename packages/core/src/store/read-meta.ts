import * as v from 'valibot';
import { RetortError } from '../errors.js';
import { closestMatch } from '../util/closest-match.js';
import { META_VERSION, metaSchemaV1, type RevisionMeta } from './meta-schema.js';

/** Upgraders from format version N to N+1, applied in turn before validation. */
const UPGRADES: Readonly<Record<number, (raw: Record<string, unknown>) => Record<string, unknown>>> = {};

const KNOWN_KEYS = Object.keys(metaSchemaV1.entries);

const REQUIRED_EXAMPLES: Readonly<Record<string, string>> = {
  version: '"version": 1',
  id: '"id": "<revision id>" (letters, digits and _)',
  parents: '"parents": [] for a root or ["<parent id>"]',
};

/**
 * Parses and validates the text of a meta.json file, upgrading older format versions.
 * Errors are `E_INVALID_META` naming the file, the line (for JSON syntax errors), the value
 * at fault and the fix.
 *
 * @example
 * ```ts
 * const meta = parseMeta('{"version":1,"id":"a1","parents":[]}', 'migrations/a1_init/meta.json');
 * meta.transactional; // true
 * ```
 */
export function parseMeta(text: string, file: string): RevisionMeta {
  const raw = parseJson(text, file);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalid(file, `must hold a JSON object, got ${describe(raw)}; see the format in @retort/core/meta.schema.json.`);
  }
  let record = raw as Record<string, unknown>;
  const version = record['version'];
  if (typeof version === 'number' && Number.isInteger(version) && version > META_VERSION) {
    throw invalid(
      file,
      `has format version ${version}, newer than this Retort understands (${META_VERSION}); upgrade retort to read it.`,
      { argument: String(version) },
    );
  }
  for (let from = typeof version === 'number' ? version : META_VERSION; from < META_VERSION; from += 1) {
    const upgrade = UPGRADES[from];
    if (!upgrade) break;
    record = upgrade(record);
  }
  const result = v.safeParse(metaSchemaV1, record);
  if (result.success) return result.output;
  const [issue] = result.issues;
  const more = result.issues.length > 1 ? ` (and ${result.issues.length - 1} more problem${result.issues.length > 2 ? 's' : ''})` : '';
  const key = v.getDotPath(issue) ?? '';
  if (issue.type === 'strict_object' && key && !KNOWN_KEYS.includes(key)) {
    const suggestion = closestMatch(key, KNOWN_KEYS);
    const fix = suggestion ? `did you mean "${suggestion}"?` : `remove it (known keys: ${KNOWN_KEYS.filter((k) => k !== '$schema').join(', ')}).`;
    throw invalid(file, `has an unknown key "${key}"; ${fix}${more}`, { argument: key, line: lineOfKey(text, key) });
  }
  if (!key) throw invalid(file, `is not a valid revision meta: ${issue.message}${more}.`);
  const field = key.split('.')[0] ?? key;
  if (issue.input === undefined && REQUIRED_EXAMPLES[field] !== undefined) {
    throw invalid(file, `is missing "${field}"; add ${REQUIRED_EXAMPLES[field]}${more}.`, { argument: field });
  }
  throw invalid(file, `"${key}" ${issue.message}, got ${describe(issue.input)}; fix the value in the file${more}.`, {
    argument: key,
    line: lineOfKey(text, field),
  });
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = errorOffset(text, message);
    const line = offset === undefined ? undefined : lineAt(text, offset);
    const where = line === undefined ? file : `${file}:${line}`;
    const reason = message.replace(/^(Unexpected token .+?), .*$/s, '$1').replace(/ in JSON at position \d+.*$/s, '');
    throw new RetortError('E_INVALID_META', `${where}: is not valid JSON (${reason}); fix the syntax.`, {
      facts: { file, line },
      cause: error,
    });
  }
}

/** Where JSON.parse failed: from the message when V8 gives a position, else by re-parsing prefixes. */
function errorOffset(text: string, message: string): number | undefined {
  const position = /position (\d+)/.exec(message)?.[1];
  if (position !== undefined) return Number(position);
  for (let end = 1; end <= text.length; end += 1) {
    try {
      JSON.parse(text.slice(0, end));
    } catch (error) {
      const prefixMessage = error instanceof Error ? error.message : '';
      const at = /position (\d+)/.exec(prefixMessage)?.[1];
      const wantsMore = prefixMessage.startsWith('Unexpected end') || (at !== undefined && Number(at) >= end);
      if (!wantsMore) return at === undefined ? end - 1 : Number(at);
    }
  }
  return undefined;
}

function invalid(file: string, detail: string, facts: { argument?: string; line?: number | undefined } = {}): RetortError {
  const where = facts.line === undefined ? file : `${file}:${facts.line}`;
  return new RetortError('E_INVALID_META', `${where}: ${detail}`, { facts: { file, ...facts } });
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

function lineOfKey(text: string, key: string): number | undefined {
  const index = text.indexOf(`"${key}"`);
  return index < 0 ? undefined : lineAt(text, index);
}
