// Client input quoted back in a message, cut short so an answer never grows with what was sent.

/** The most characters of client input a message repeats. */
export const MAX_ECHO = 64;

/** `text` as a message quotes it: whole when short, else its start and its length ("AAAA… (3000 characters)"). */
export function echo(text: string): string {
  return text.length <= MAX_ECHO ? text : `${text.slice(0, MAX_ECHO)}… (${text.length} characters)`;
}
