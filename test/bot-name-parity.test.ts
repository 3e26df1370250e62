// The dashboard's bot form (web/src/features/bots/bot-name.ts) takes the names the API takes and refuses the rest in the API's words.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BOT_NAME, BOT_NAME_RULE } from '../src/bots/index.ts';
import { BOT_NAME as FORM_BOT_NAME, BOT_NAME_RULE as FORM_BOT_NAME_RULE, botNameProblem } from '../web/src/features/bots/bot-name.ts';

describe('bot names in the dashboard form and the API', () => {
  it('use the same rule and the same words', () => {
    expect(FORM_BOT_NAME.source).toBe(BOT_NAME.source);
    expect(FORM_BOT_NAME.flags).toBe(BOT_NAME.flags);
    expect(FORM_BOT_NAME_RULE).toBe(BOT_NAME_RULE);
  });

  it('agree on any name', () => {
    const name = fc.oneof(fc.string({ maxLength: 24 }), fc.stringMatching(/^[A-Za-z0-9._ !-]{1,22}$/));
    fc.assert(
      fc.property(name, (text) => {
        if (text.trim() === '' || text.trim() !== text) return;
        expect(botNameProblem(text) === undefined, JSON.stringify(text)).toBe(BOT_NAME.test(text));
      }),
    );
  });
});
