// bagalau's command line: a thin layer over the stages. This is the only place that
// reads the clock (for defaults such as "today") and sets exit codes.
import { Command, CommanderError, Help } from 'commander';
import { DateTime } from 'luxon';
import { ExitCode, inertIo, processIo, type Io } from './output.js';

const todayInKazakhstan = () => DateTime.now().setZone('Asia/Almaty').toISODate()!;

type Register = (program: Command, io: Io, today: () => string) => void;

/**
 * Each command's module, loaded only when the command line names the command: the
 * modules bring the engine, the YAML parser, exceljs or the PDF machinery, most of the
 * start-up time of a run, and a command needs its own only.
 */
const commandModules: { names: string[]; load: () => Promise<Register> }[] = [
  {
    names: ['list', 'validate', 'lint', 'show', 'diff'],
    load: async () => (await import('./methodologyCommands.js')).registerMethodologyCommands,
  },
  {
    names: ['schedule'],
    load: async () => {
      const { registerSchedule } = await import('./schedule.js');
      return (program, io) => registerSchedule(program, io);
    },
  },
  {
    names: ['evaluate'],
    load: async () => {
      const { registerEvaluate } = await import('./evaluate.js');
      return (program, io) => registerEvaluate(program, io);
    },
  },
  {
    names: ['test'],
    load: async () => {
      const { registerTestCommand } = await import('./testCommand.js');
      return (program, io) => registerTestCommand(program, io);
    },
  },
  {
    names: ['template'],
    load: async () => {
      const { registerTemplate } = await import('./template.js');
      return (program, io) => registerTemplate(program, io);
    },
  },
  {
    names: ['render'],
    load: async () => {
      const { registerRender } = await import('./render.js');
      return (program, io) => registerRender(program, io);
    },
  },
];

/**
 * What `bagalau --help` lists for a command whose module is not loaded: its usage and
 * description, as the command itself gives them (test/cli/main.test.ts compares the help
 * with every module loaded).
 */
export const commandSummaries: Record<string, { term: string; description: string }> = {
  list: { term: 'list [options]', description: 'list the bundled methodologies: id, title, and when each is in force' },
  validate: { term: 'validate [options] <files...>', description: 'check methodology files: YAML, extends, and the JSON Schema' },
  lint: {
    term: 'lint [options] <files...>',
    description: 'validate, then look for gaps, overlaps, unknown references, mixed-script words and repealed acts',
  },
  show: { term: 'show [options] <file>', description: 'print the resolved methodology (extends applied), with the source of every basis' },
  diff: { term: 'diff [options] <a> <b>', description: 'the resolved difference between two methodologies, setting by setting' },
  schedule: {
    term: 'schedule [options]',
    description: "print a body's evaluation timetable for a year, with dates counted on the working-day calendar",
  },
  evaluate: {
    term: 'evaluate [options] <input>',
    description: 'evaluate the data a body submitted for a year: eligibility, scores, bands, 360, calibration, deadlines',
  },
  test: {
    term: 'test [options] [dir]',
    description: 'run the methodology test cases: each case evaluates an input and compares the results with the expected ones',
  },
  template: {
    term: 'template [options]',
    description:
      'write the intake workbook (.xlsx) of a year, made from the methodology: people, units, absences, work plans, a sheet per method and period, survey responses, calibration',
  },
  render: {
    term: 'render [options] <source>',
    description: 'print the official forms of the methodology (annexes, calibration protocol) to PDF, blank or filled from the results',
  },
};

/** The program with the commands `argv` names loaded, and the others listed by their summary. */
export async function buildProgramFor(io: Io, argv: string[], today: () => string = todayInKazakhstan): Promise<Command> {
  const program = new Command('bagalau')
    .description('Rules-as-configuration engine for the performance evaluation of corps "B" civil servants of Kazakhstan')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => io.err(text) });
  const listedOnly = new Set<string>();
  for (const { names, load } of commandModules) {
    if (names.some((name) => argv.includes(name))) (await load())(program, io, today);
    else
      for (const name of names) {
        program.command(name).description(commandSummaries[name].description).allowUnknownOption().allowExcessArguments();
        listedOnly.add(name);
      }
  }
  const help = new Help();
  program.configureHelp({
    subcommandTerm: (command) => (listedOnly.has(command.name()) ? commandSummaries[command.name()].term : help.subcommandTerm(command)),
  });
  return program;
}

/** Every command loaded (for callers that need the whole program). */
export async function buildProgram(io: Io, today: () => string = todayInKazakhstan): Promise<Command> {
  return buildProgramFor(io, Object.keys(commandSummaries), today);
}

/** Runs one command line; returns the exit code (0 clean, 1 findings, 2 unusable input or usage). */
export async function main(argv: string[], given: Io = processIo(), today?: () => string): Promise<number> {
  // Names and keys from the files are echoed: their control characters are shown, never obeyed by the terminal.
  const io = inertIo(given);
  const program = await buildProgramFor(io, argv, today ?? todayInKazakhstan);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.clean : ExitCode.unusable;
    io.err(`bagalau: ${(error as Error).message}\n`);
    return ExitCode.unusable;
  }
  return io.exitCode;
}

const invokedDirectly = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invokedDirectly) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
