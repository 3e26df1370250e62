// The bot name rule, as the API checks it (BOT_NAME and BOT_NAME_RULE in src/bots/manager/types.ts; the dashboard does not import src, test/bot-name-parity.test.ts holds them equal).

export const BOT_NAME = /^(?!\d+$)[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/;

/** The API's words for a name breaking the rule. */
export const BOT_NAME_RULE = '1 to 20 ASCII letters, digits, ".", "_" or "-", starting with a letter or digit, and not digits only (those are bot ids)';

/** The problem with a new bot's name (surrounding spaces are trimmed before sending), or undefined when the API would take it. */
export function botNameProblem(text: string): string | undefined {
  const name = text.trim();
  if (name === '') return 'Enter a name.';
  return BOT_NAME.test(name) ? undefined : `A bot name is ${BOT_NAME_RULE}.`;
}
