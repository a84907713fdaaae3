// bagalau's command line: a thin layer over the stages. This is the only place that
// reads the clock (for defaults such as "today") and sets exit codes.
import { Command, CommanderError } from 'commander';
import { DateTime } from 'luxon';
import { registerMethodologyCommands } from './methodologyCommands.js';
import { ExitCode, processIo, type Io } from './output.js';
import { registerEvaluate } from './evaluate.js';
import { registerRender } from './render.js';
import { registerSchedule } from './schedule.js';
import { registerTestCommand } from './testCommand.js';
import { registerTemplate } from './template.js';

const todayInKazakhstan = () => DateTime.now().setZone('Asia/Almaty').toISODate()!;

export function buildProgram(io: Io, today: () => string = todayInKazakhstan): Command {
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
  registerRender(program, io);
  return program;
}

/** Runs one command line; returns the exit code (0 clean, 1 findings, 2 unusable input or usage). */
export async function main(argv: string[], io: Io = processIo(), today?: () => string): Promise<number> {
  const program = buildProgram(io, today);
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
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
