// bagalau's command line: a thin layer over the stages. This is the only place that
// reads the clock (for defaults such as "today") and sets exit codes.
import { Command, CommanderError, Help, InvalidArgumentError, Option } from 'commander';
import { DateTime } from 'luxon';
import { ExitCode, inertIo, processIo, type Io } from './output.js';
import { translateCommanderError } from './commanderMessages.js';
import {
  isLanguage,
  LANGUAGES,
  selectLanguage,
  t,
  UnknownLanguageError,
  useLanguage,
  type Environment,
  type MessageId,
} from '../i18n/index.js';

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
export const commandSummaries: Record<string, { term: string; readonly description: string }> = {
  list: {
    term: 'list [options]',
    get description() {
      return t('help.list');
    },
  },
  validate: {
    term: 'validate [options] <files...>',
    get description() {
      return t('help.validate');
    },
  },
  lint: {
    term: 'lint [options] <files...>',
    get description() {
      return t('help.lint');
    },
  },
  show: {
    term: 'show [options] <file>',
    get description() {
      return t('help.show');
    },
  },
  diff: {
    term: 'diff [options] <a> <b>',
    get description() {
      return t('help.diff');
    },
  },
  schedule: {
    term: 'schedule [options]',
    get description() {
      return t('help.schedule');
    },
  },
  evaluate: {
    term: 'evaluate [options] <input>',
    get description() {
      return t('help.evaluate');
    },
  },
  test: {
    term: 'test [options] [dir]',
    get description() {
      return t('help.test');
    },
  },
  template: {
    term: 'template [options]',
    get description() {
      return t('help.template');
    },
  },
  render: {
    term: 'render [options] <source>',
    get description() {
      return t('help.render');
    },
  },
};

/** commander's own headings, in the language of the run (it calls styleTitle with each). */
const HELP_TITLES: Record<string, MessageId> = {
  'Usage:': 'help.title.usage',
  'Arguments:': 'help.title.arguments',
  'Options:': 'help.title.options',
  'Global Options:': 'help.title.globalOptions',
  'Commands:': 'help.title.commands',
};

function parseLanguage(value: string): string {
  if (!isLanguage(value)) throw new InvalidArgumentError(t('language.unknown', { value, languages: LANGUAGES.join(', ') }));
  return value;
}

/** The program with the commands `argv` names loaded, and the others listed by their summary. */
export async function buildProgramFor(io: Io, argv: string[], today: () => string = todayInKazakhstan): Promise<Command> {
  const program = new Command('bagalau')
    .description(t('help.program'))
    .version('0.1.0', undefined, t('help.version'))
    .helpOption(undefined, t('help.help'))
    .helpCommand('help [command]', t('help.help'))
    // Chosen before the program is built (main reads it from the command line): declared here so that commander accepts it anywhere.
    .addOption(new Option('--lang <language>', t('help.lang')).argParser(parseLanguage))
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text),
      writeErr: (text) => io.err(text),
      outputError: (text, write) => write(translateCommanderError(text)),
    });
  const listedOnly = new Set<string>();
  // Before the commands are made: each copies the help settings (the headings' language) when it is made.
  const help = new Help();
  program.configureHelp({
    subcommandTerm: (command) => (listedOnly.has(command.name()) ? commandSummaries[command.name()].term : help.subcommandTerm(command)),
    styleTitle: (title) => (HELP_TITLES[title] ? t(HELP_TITLES[title]) : title),
  });
  for (const { names, load } of commandModules) {
    if (names.some((name) => argv.includes(name))) (await load())(program, io, today);
    else
      for (const name of names) {
        program.command(name).description(commandSummaries[name].description).allowUnknownOption().allowExcessArguments();
        listedOnly.add(name);
      }
  }
  return program;
}

/** Every command loaded (for callers that need the whole program). */
export async function buildProgram(io: Io, today: () => string = todayInKazakhstan): Promise<Command> {
  return buildProgramFor(io, Object.keys(commandSummaries), today);
}

/** Runs one command line; returns the exit code (0 clean, 1 findings, 2 unusable input or usage). */
export async function main(argv: string[], given: Io = processIo(), today?: () => string, env: Environment = process.env): Promise<number> {
  // Names and keys from the files are echoed: their control characters are shown, never obeyed by the terminal.
  const io = inertIo(given);
  // The language first: the help, the messages and the tables are made in it.
  try {
    useLanguage(selectLanguage(argv, env));
  } catch (error) {
    if (!(error instanceof UnknownLanguageError)) throw error;
    useLanguage(selectLanguage([], { ...env, BAGALAU_LANG: undefined }));
    io.err(
      `bagalau: ${t(error.source === '--lang' ? 'language.unknown' : 'language.unknownInEnvironment', { value: error.value, languages: LANGUAGES.join(', ') })}\n`,
    );
    return ExitCode.unusable;
  }
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
