// The options every command that talks to a running Bourse takes (server, API key or login, JSON output), and the client they make.
import { InvalidArgumentError, Option, type Command } from 'commander';
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

/** Where a running Bourse is when neither --url nor BOURSE_URL says. */
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8080';

/** --url (env BOURSE_URL): the one definition every command that talks to a running Bourse adds. */
export function serverUrlOption(): Option {
  return new Option('--url <url>', 'the Bourse server').env('BOURSE_URL').default(DEFAULT_SERVER_URL).argParser(serverUrl);
}

function serverUrl(text: string): string {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') throw new InvalidArgumentError('expected an http:// or https:// address, such as http://127.0.0.1:8080');
  return text;
}

/** Adds the connection options to a command group; its subcommands read them with `connect`. */
export function withConnection(command: Command): Command {
  return command
    .addOption(serverUrlOption())
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
