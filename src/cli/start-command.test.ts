// Tests for the help of `bourse start`.
import { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { startCommand } from './start-command.ts';

describe('bourse start --help', () => {
  it('names the default of --bot-workers once: the number of CPUs', () => {
    const program = new Command();
    startCommand(program, '0.0.0');
    const help = program.commands.find((command) => command.name() === 'start')!.helpInformation({ error: false });
    const line = help.slice(help.indexOf('--bot-workers'), help.indexOf('--truncate-damaged-journal'));
    expect(line.replace(/\s+/g, ' ')).toContain(`(env: BOURSE_BOT_WORKERS) (default: the number of CPUs, ${availableParallelism()})`);
    expect(line.match(/default/g)).toHaveLength(1);
  });
});
