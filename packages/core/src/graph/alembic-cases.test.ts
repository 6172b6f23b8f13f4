/**
 * Runs every case in `__fixtures__/*-cases.json` (neutral format, see the sample file's
 * "format" section) against the graph: plans and the version rows they leave, walks,
 * heads, resolution, stamps, and errors mapped from Alembic's to Retort's codes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isRetortError, type ErrorCode } from '../errors.js';
import { RevisionGraph } from './revision-graph.js';
import type { RevisionNode, Step, StampStep, Target } from './types.js';

interface CaseRevision {
  id: string;
  down: string | string[] | null;
  branch_labels?: string[];
  depends_on?: string[];
}

interface Case {
  name: string;
  revisions: CaseRevision[];
  current_heads?: string[];
  op: string;
  target?: Target;
  lower?: Target;
  inclusive?: boolean;
  implicit_base?: boolean;
  select_for_downgrade?: boolean;
  api?: 'get_revision' | 'get_revisions';
  purge?: boolean;
  steps?: ({ revision: string; direction: 'up' | 'down' } | { stamp: { from: string[]; to: string[]; is_upgrade: boolean; branch_move: boolean } })[];
  range?: string;
  head?: Target;
  splice?: boolean;
  new_id?: string;
  new_depends_on?: string[];
  new_branch_labels?: string[];
  expect: unknown;
  expect_heads?: string[];
}

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__');
const files = readdirSync(fixtures).filter((f) => f.endsWith('-cases.json')).sort();

/** Alembic error (class, message) -> the Retort codes that may stand for it, and whether our message keeps its wording. */
const ERROR_MAP: readonly { match: RegExp; codes: ErrorCode[]; keepsWording: boolean }[] = [
  { match: /^(CommandError|RevisionError|RangeNotAncestorError): Destination .* is not a valid (upgrade|downgrade) target/, codes: ['E_NOT_AN_ANCESTOR'], keepsWording: true },
  { match: /Revision Nothing to drop is not an ancestor/, codes: ['E_NOT_AN_ANCESTOR'], keepsWording: false },
  { match: /is not an ancestor of revision/, codes: ['E_NOT_AN_ANCESTOR'], keepsWording: true },
  { match: /^CommandError: Requested range .* does not refer to/, codes: ['E_NOT_AN_ANCESTOR'], keepsWording: true },
  { match: /Not a valid downgrade target from current heads/, codes: ['E_NOT_AN_ANCESTOR'], keepsWording: true },
  { match: /Ambiguous upgrade from multiple current revisions/, codes: ['E_AMBIGUOUS_WALK'], keepsWording: true },
  { match: /Ambiguous walk/, codes: ['E_AMBIGUOUS_WALK'], keepsWording: true },
  { match: /Relative revision .* didn't produce/, codes: ['E_RELATIVE_RANGE'], keepsWording: true },
  { match: /Walked too far/, codes: ['E_RELATIVE_RANGE'], keepsWording: true },
  { match: /No such revision or branch/, codes: ['E_UNKNOWN_REVISION'], keepsWording: true },
  { match: /No such branch/, codes: ['E_UNKNOWN_REVISION'], keepsWording: true },
  { match: /Multiple revisions start with/, codes: ['E_AMBIGUOUS_PREFIX'], keepsWording: true },
  { match: /is not a member of branch/, codes: ['E_NOT_AN_ANCESTOR'], keepsWording: true },
  { match: /Can't locate revision identified by/, codes: ['E_UNKNOWN_REVISION', 'E_AMBIGUOUS_PREFIX', 'E_NOT_AN_ANCESTOR'], keepsWording: false },
  { match: /^(MultipleHeads|CommandError|RevisionError): Multiple head/, codes: ['E_MULTIPLE_HEADS'], keepsWording: false },
  { match: /overlaps with other requested revisions/, codes: ['E_INVALID_TARGET'], keepsWording: true },
  { match: /Branch name '.*' in revision/, codes: ['E_LABEL_REUSED'], keepsWording: true },
  { match: /^(CycleDetected|DependencyCycleDetected|LoopDetected|DependencyLoopDetected):/, codes: ['E_CYCLE'], keepsWording: true },
  { match: /is present more than once/, codes: ['E_DUPLICATE_ID'], keepsWording: true },
  { match: /^KeyError:|referenced from .* is not present/, codes: ['E_MISSING_PARENT'], keepsWording: false },
  { match: /not allowed in revision identifier/, codes: ['E_INVALID_META'], keepsWording: true },
  { match: /is not a head revision; please specify --splice/, codes: ['E_NOT_A_HEAD'], keepsWording: false },
  { match: /Duplicate head revisions specified/, codes: ['E_INVALID_TARGET'], keepsWording: false },
  { match: /^AssertionError:/, codes: ['E_RELATIVE_RANGE', 'E_AMBIGUOUS_WALK', 'E_NOT_AN_ANCESTOR', 'E_INVALID_TARGET', 'E_DATABASE'], keepsWording: false },
];

function toNodes(revisions: readonly CaseRevision[]): RevisionNode[] {
  return revisions.map((r) => ({
    id: r.id,
    parents: r.down === null ? [] : typeof r.down === 'string' ? [r.down] : r.down,
    dependsOn: r.depends_on ?? [],
    branchLabels: r.branch_labels ?? [],
  }));
}

/** Alembic prints lists of revisions as Python tuples (`('a', 'b')`); Retort as `a, b`. */
function withoutPythonTuples(message: string): string {
  return message.replace(/\(((?:'[^']*'(?:, )?)+),?\)/g, (_m, inner: string) => inner.replace(/'/g, ''));
}

function sorted(values: readonly string[]): string[] {
  return [...values].sort();
}

function runCase(c: Case): { result: unknown; heads?: string[] } {
  const graph = RevisionGraph.from(toNodes(c.revisions));
  const current = c.current_heads ?? [];
  const target = c.target ?? null;
  const runSteps = (steps: readonly (Step | StampStep)[], start: readonly string[]): string[] =>
    steps.reduce<readonly string[]>((rows, step) => graph.applyStep(rows, step).heads, start) as string[];
  switch (c.op) {
    case 'heads':
      return { result: graph.heads };
    case 'real_heads':
      return { result: graph.realHeads };
    case 'bases':
      return { result: graph.bases };
    case 'upgrade':
    case 'downgrade': {
      const to = target ?? 'base';
      const steps = c.op === 'upgrade' ? graph.planUpgrade(to, current) : graph.planDowngrade(to, current);
      expect(steps.every((s) => s.direction === (c.op === 'upgrade' ? 'up' : 'down'))).toBe(true);
      return { result: steps.map((s) => s.revision), heads: sorted(runSteps(steps, current)) };
    }
    case 'iterate':
      return {
        result: graph.iterate(target, c.lower ?? null, {
          inclusive: c.inclusive ?? false,
          implicitBase: c.implicit_base ?? false,
          selectForDowngrade: c.select_for_downgrade ?? false,
        }),
      };
    case 'resolve':
      if (c.api === 'get_revision') {
        const one = graph.resolveOne(target as string | null);
        return { result: one === null ? [] : [one] };
      }
      return { result: graph.resolve(target) };
    case 'stamp': {
      const plan = graph.planStamp(target, current, { purge: c.purge ?? false });
      const steps = plan.steps.map((s) => ({ from: s.from, to: s.to, is_upgrade: s.direction === 'up', branch_move: s.branchMove }));
      return { result: steps, heads: sorted(plan.heads) };
    }
    case 'apply': {
      const after: string[][] = [];
      let rows: readonly string[] = current;
      for (const s of c.steps ?? []) {
        const step: Step | StampStep = 'stamp' in s
          ? { from: s.stamp.from, to: s.stamp.to, direction: s.stamp.is_upgrade ? 'up' : 'down', branchMove: s.stamp.branch_move }
          : s;
        rows = graph.applyStep(rows, step).heads;
        after.push(sorted(rows));
      }
      return { result: after };
    }
    case 'walk':
      return { result: graph.walk({ range: c.range ?? ':', currentHeads: current }) };
    case 'revision': {
      const plan = graph.planNewRevision({
        ...(c.new_id === undefined ? {} : { id: c.new_id }),
        head: c.head ?? 'head',
        splice: c.splice ?? false,
        dependsOn: c.new_depends_on ?? [],
        branchLabels: c.new_branch_labels ?? [],
      });
      return { result: { parents: plan.parents, depends_on: plan.dependsOn } };
    }
    default:
      throw new Error(`Unknown op '${c.op}' in case ${c.name}`);
  }
}

for (const file of files) {
  const data = JSON.parse(readFileSync(join(fixtures, file), 'utf8')) as { cases: Case[] };
  describe(file, () => {
    test.each(data.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const expected = c.expect as { error?: string; message_contains?: string } | unknown[];
      if (!Array.isArray(expected) && typeof expected === 'object' && expected !== null && 'error' in expected) {
        const alembic = `${expected.error}: ${expected.message_contains ?? ''}`;
        const rule = ERROR_MAP.find((r) => r.match.test(alembic));
        if (!rule) throw new Error(`No Retort code is mapped for Alembic error ${alembic}`);
        let caught: unknown;
        try {
          runCase(c);
        } catch (error) {
          caught = error;
        }
        if (!isRetortError(caught)) throw new Error(`Expected a RetortError for ${alembic}, got ${String(caught)}`);
        expect(rule.codes).toContain(caught.code);
        if (rule.keepsWording && expected.message_contains) {
          expect(caught.message).toContain(withoutPythonTuples(expected.message_contains));
        }
        return;
      }
      if (Array.isArray(expected) && expected.includes(null)) {
        // Alembic's get_revisions yields None for a `-N` walking off the graph; Retort refuses it.
        expect(() => runCase(c)).toThrow(expect.objectContaining({ code: 'E_RELATIVE_RANGE' }));
        return;
      }
      const { result, heads } = runCase(c);
      expect(result).toEqual(expected);
      if (c.expect_heads !== undefined) expect(heads).toEqual(sorted(c.expect_heads));
    });
  });
}

test('fixture files are present', () => {
  expect(files).toContain('alembic-sample-cases.json');
});
