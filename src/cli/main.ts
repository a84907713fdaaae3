// bagalau's command line: a thin layer over the stages. This is the only place that
// reads the clock (for defaults such as "today") and sets exit codes.
import { Command, CommanderError } from 'commander';
import { DateTime } from 'luxon';
import { registerMethodologyCommands } from './methodologyCommands.js';
import { ExitCode, inertIo, processIo, type Io } from './output.js';
import { registerEvaluate } from './evaluate.js';
import { registerSchedule } from './schedule.js';
import { registerTestCommand } from './testCommand.js';
import { registerTemplate } from './template.js';

const todayInKazakhstan = () => DateTime.now().setZone('Asia/Almaty').toISODate()!;

/**
 * `render` loads the PDF machinery (puppeteer, pdf-lib, handlebars), a third of a second:
 * only a command line that names it loads it. Elsewhere (bagalau --help) it is listed by
 * name and description.
 */
async function registerRenderWhenNamed(program: Command, io: Io, argv: string[]): Promise<void> {
  if (argv.includes('render')) {
    const { registerRender } = await import('./render.js');
    registerRender(program, io);
    return;
  }
  program
    .command('render')
    .description('print the official forms of the methodology (annexes, calibration protocol) to PDF, blank or filled from the results')
    .argument('<source>', 'results.json (from bagalau evaluate --out) or an evaluation input (YAML or JSON)');
}

export async function buildProgramFor(io: Io, argv: string[], today: () => string = todayInKazakhstan): Promise<Command> {
  const program = baseProgram(io, today);
  await registerRenderWhenNamed(program, io, argv);
  return program;
}

/** Every command, render included (for callers that need the whole program). */
export async function buildProgram(io: Io, today: () => string = todayInKazakhstan): Promise<Command> {
  return buildProgramFor(io, ['render'], today);
}

function baseProgram(io: Io, today: () => string): Command {
  const program = new Command('bagalau')
    .description('Rules-as-configuration engine for the performance evaluation of corps "B" civil servants of Kazakhstan')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => io.err(text) });
  registerMethodologyCommands(program, io, today);
  registerSchedule(program, io);
  registerEvaluate(program, io);
  registerTestCommand(program, io);
  registerTemplate(program, io);
  return program;
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
