import { Command } from 'commander';
import type { ProcessFacts } from './cli-context.js';
import { COMMAND_GROUPS } from './commands/index.js';
import { buildProgram } from './program.js';

const facts = { cwd: '/nowhere', env: {}, stdout: process.stdout, stderr: process.stderr, stdin: process.stdin } as unknown as ProcessFacts;
const names = (program: Command) => program.commands.map((command) => command.name());
const everyCommand = COMMAND_GROUPS.flatMap((group) => group.names);

describe('command registration', () => {
  test.each(COMMAND_GROUPS.map((group) => [group.names.join(', '), group] as const))('group %s registers exactly the commands it names', (_label, group) => {
    const program = new Command();
    group.register(program, facts);
    expect(names(program)).toEqual(group.names);
  });

  test('without arguments every group is registered, in --help order', () => {
    expect(names(buildProgram(facts))).toEqual(everyCommand);
    expect(everyCommand).toHaveLength(19);
  });

  test.each([
    [['history'], 'history'],
    [['heads', '-v'], 'heads'],
    [['--json', 'upgrade', 'head'], 'upgrade'],
    [['--dir', 'history', 'current'], 'current'],
    [['-c', 'watch', 'check', '--json'], 'check'],
    [['--dir=migrations', 'revision', '-m', 'x'], 'revision'],
    [['--lock-timeout', '5', 'ensure-version'], 'ensure-version'],
  ])('%j registers only the group of %s', (argv, command) => {
    const group = COMMAND_GROUPS.find((each) => each.names.includes(command))!;
    expect(names(buildProgram(facts, argv))).toEqual(group.names);
  });

  test.each([[[]], [['--help']], [['help', 'history']], [['histroy']], [['--', 'heads']], [['-V']], [['--dir', 'heads']]])(
    '%j names no command: every group is registered',
    (argv) => {
      expect(names(buildProgram(facts, argv))).toEqual(everyCommand);
    },
  );
});
