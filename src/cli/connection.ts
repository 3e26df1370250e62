// The options every command that talks to a running Bourse takes (server, API key or login, JSON output), and the client they make.
import type { Command } from 'commander';
import { secretOption } from './options.ts';
import { RestClient } from './rest-client.ts';

interface ConnectionOptions {
  url: string;
  apiKeyId?: string;
  apiKeySecret?: string;
  username?: string;
  password?: string;
  json?: boolean;
}

/** Adds the connection options to a command group; its subcommands read them with `connect`. */
export function withConnection(command: Command): Command {
  return command
    .option('--url <url>', 'the server (env: BOURSE_URL)', process.env.BOURSE_URL ?? 'http://127.0.0.1:8080')
    .addOption(secretOption('--api-key-id <id>', 'API key id', 'BOURSE_API_KEY_ID'))
    .addOption(secretOption('--api-key-secret <secret>', 'API key secret', 'BOURSE_API_KEY_SECRET'))
    .addOption(secretOption('--username <name>', 'log in with a username instead of a key', 'BOURSE_USERNAME'))
    .addOption(secretOption('--password <password>', 'the password for --username', 'BOURSE_PASSWORD'))
    .option('--json', 'print JSON instead of a table');
}

export function connect(command: Command): { client: RestClient; json: boolean } {
  const options = command.optsWithGlobals<ConnectionOptions>();
  return { client: new RestClient(options.url, options), json: options.json === true };
}

export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}
