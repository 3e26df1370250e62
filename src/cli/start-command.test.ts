// Tests for `bourse start`'s options: the help of --bot-workers, and environment variables read by each flag's own rule.
import { Command, CommanderError } from 'commander';
import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startCommand } from './start-command.ts';

describe('bourse start --help', () => {
  it('names the default of --bot-workers once: the number of CPUs', () => {
    const program = new Command();
    startCommand(program, '0.0.0');
    const help = program.commands.find((command) => command.name() === 'start')!.helpInformation({ error: false });
    const line = help.slice(help.indexOf('--bot-workers'), help.indexOf('--truncate-damaged-journal'));
    expect(line.replace(/\s+/g, ' ')).toContain(`(default: the number of CPUs, ${availableParallelism()}, env: BOURSE_BOT_WORKERS)`);
    expect(line.match(/default/g)).toHaveLength(1);
  });
});

const REFUSED: ReadonlyArray<readonly [string, string, string]> = [
  ['BOURSE_RATE_LIMIT', 'abc', "option '--rate-limit <n>' value 'abc' from env 'BOURSE_RATE_LIMIT' is invalid. expected a whole number from 1 to 100000000"],
  ['BOURSE_RATE_LIMIT', '0', "option '--rate-limit <n>' value '0' from env 'BOURSE_RATE_LIMIT' is invalid. expected a whole number from 1 to 100000000"],
  ['BOURSE_REGISTRATIONS_PER_HOUR', '1.5', "option '--registrations-per-hour <n>' value '1.5' from env 'BOURSE_REGISTRATIONS_PER_HOUR' is invalid. expected a whole number from 1 to 100000000"],
  ['BOURSE_BOT_WORKERS', 'two', "option '--bot-workers <n>' value 'two' from env 'BOURSE_BOT_WORKERS' is invalid. expected a whole number from 0 to 256"],
  ['BOURSE_BOT_WORKERS', '-1', "option '--bot-workers <n>' value '-1' from env 'BOURSE_BOT_WORKERS' is invalid. expected a whole number from 0 to 256"],
  ['PORT', 'abc', "option '--port <port>' value 'abc' from env 'PORT' is invalid. expected a whole number from 0 to 65535"],
  ['BOURSE_TRUST_PROXY', 'maybe', "option '--trust-proxy <proxies>' value 'maybe' from env 'BOURSE_TRUST_PROXY' is invalid. expected true, false, a hop count from 1 to 100, or comma-separated addresses or CIDRs such as 10.0.0.0/8,127.0.0.1; \"maybe\" is none of these"],
  ['BOURSE_REGISTRATION', 'invite', "option '--registration <mode>' value 'invite' from env 'BOURSE_REGISTRATION' is invalid. Allowed choices are open, closed."],
  ['LOG_LEVEL', 'verbose', "option '--log-level <level>' value 'verbose' from env 'LOG_LEVEL' is invalid. Allowed choices are fatal, error, warn, info, debug, trace."],
  ['BOURSE_BOTS', 'perhaps', "value 'perhaps' from env 'BOURSE_BOTS' is invalid. expected on, 1, true or yes, or off, 0, false or no"],
];

describe('bourse start from the environment', () => {
  afterEach(() => vi.unstubAllEnvs());

  /** Parses `bourse start` without exiting the process; resolves with what it printed as an error, or rejects with the refusal. */
  async function parse(args: readonly string[]): Promise<string> {
    let stderr = '';
    const program = new Command().exitOverride().configureOutput({ writeErr: (text) => (stderr += text) });
    startCommand(program, '0.0.0');
    await program.parseAsync(['start', ...args], { from: 'user' }).catch((error: unknown) => {
      if (error instanceof CommanderError) throw new Error(`${error.exitCode}: ${stderr}`);
      throw error;
    });
    return stderr;
  }

  it.each(REFUSED)('refuses %s=%s as the flag would, naming the variable and the value', async (variable, value, message) => {
    vi.stubEnv(variable, value);
    await expect(parse(['--data-dir', '/nonexistent/bourse'])).rejects.toThrow(`1: error: ${message}\n`);
  });

  it('refuses the flag with the same rule', async () => {
    await expect(parse(['--rate-limit', '0'])).rejects.toThrow("1: error: option '--rate-limit <n>' argument '0' is invalid. expected a whole number from 1 to 100000000\n");
  });
});
