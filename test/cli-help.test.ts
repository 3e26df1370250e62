// `bourse --help` and every command's help as a new user reads them: secrets set in the environment never show.
import { describe, expect, it } from 'vitest';
import { runBourse, type CliRun } from './support/cli-run.ts';

/** Every environment variable the CLI reads a secret from, set to a value that must not be printed. */
const SECRETS = {
  BOURSE_API_KEY_ID: 'key-id-d41d8cd9',
  BOURSE_API_KEY_SECRET: 'key-secret-8f00b204',
  BOURSE_USERNAME: 'user-e9800998',
  BOURSE_PASSWORD: 'password-ecf8427e',
  DATABASE_URL: 'postgres://reader:db-password-0cc175b9@db.internal:5432/bourse',
  BOURSE_ADMIN_PASSWORD: 'admin-password-92eb5ffe',
};

/** Each command's help, a few processes at a time so a busy machine is not swamped. */
async function helpOf(paths: readonly string[][]): Promise<Array<{ path: string[]; run: CliRun }>> {
  const helps: Array<{ path: string[]; run: CliRun }> = [];
  for (let i = 0; i < paths.length; i += 4) {
    helps.push(...(await Promise.all(paths.slice(i, i + 4).map(async (path) => ({ path, run: await runBourse([...path, '--help'], SECRETS) })))));
  }
  return helps;
}

/** The names under "Commands:" in a help text, without `help`. */
function commandsOf(help: string): string[] {
  const section = help.split('\nCommands:\n')[1] ?? '';
  return [...section.matchAll(/^ {2}([a-z-]+)/gm)].map((m) => m[1]!).filter((name) => name !== 'help');
}

describe('bourse help', () => {
  it('names the environment variables that hold secrets but never shows their values, for every command and subcommand', async () => {
    const root = await runBourse(['--help'], SECRETS);
    expect(root.stderr).toBe('');
    const commands = commandsOf(root.stdout);
    expect(commands).toEqual(expect.arrayContaining(['start', 'import', 'export', 'backtest', 'optimize', 'run', 'leaderboard', 'bots', 'risk']));
    const helps = await helpOf(commands.map((name) => [name]));
    const subcommands = helps.flatMap(({ path, run }) => commandsOf(run.stdout).map((name) => [...path, name]));
    expect(subcommands).toEqual(expect.arrayContaining([['bots', 'create'], ['risk', 'status']]));
    helps.push(...(await helpOf(subcommands)));

    for (const { path, run } of [{ path: [], run: root }, ...helps]) {
      expect(run.code, path.join(' ')).toBe(0);
      for (const value of Object.values(SECRETS)) expect(run.stdout, `${path.join(' ')} --help`).not.toContain(value);
    }
    const byName = new Map(helps.map(({ path, run }) => [path.join(' '), run.stdout.replace(/\s+/g, ' ')]));
    expect(byName.get('bots')).toContain('--api-key-secret <secret> API key secret (env: BOURSE_API_KEY_SECRET)');
    expect(byName.get('risk')).toContain('--password <password> the password for --username (env: BOURSE_PASSWORD)');
    for (const name of ['start', 'import', 'export', 'generate', 'backtest', 'optimize']) expect(byName.get(name), name).toContain('(env: DATABASE_URL)');
  }, 240_000);

  it('still shows non-secret defaults, and reads a secret from its variable when the option is not given', async () => {
    const help = await runBourse(['import', '--help'], { ...SECRETS, BOURSE_DATA_DIR: '/srv/bourse-data' });
    expect(help.stdout).toContain('"/srv/bourse-data"');
    // bourse start reads each variable through its flag's rule: help names the variable beside the built-in default.
    const start = await runBourse(['start', '--help'], { ...SECRETS, BOURSE_DATA_DIR: '/srv/bourse-data' });
    expect(start.stdout.replace(/\s+/g, ' ')).toContain('(default: "./data", env: BOURSE_DATA_DIR)');
    // The key pair from the environment is used: the failure is reaching the server, not missing credentials.
    const listed = await runBourse(['bots', 'list', '--url', 'http://127.0.0.1:9'], SECRETS);
    expect(listed.code).toBe(1);
    expect(listed.stderr).toContain('cannot reach Bourse at http://127.0.0.1:9');
    const anonymous = await runBourse(['bots', 'list', '--url', 'http://127.0.0.1:9']);
    expect(anonymous.stderr).toContain('no credentials');
  }, 60_000);
});
