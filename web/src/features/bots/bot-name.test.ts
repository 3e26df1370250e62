import { describe, expect, it } from 'vitest';
import { botNameProblem } from './bot-name.ts';

describe('botNameProblem', () => {
  it('takes 1 to 20 letters, digits, ".", "_" and "-" starting with a letter or digit', () => {
    for (const name of ['mm-1', 'a', 'Bot_2.v3', '9lives', 'x'.repeat(20), '  walker  ']) expect(botNameProblem(name), name).toBeUndefined();
  });

  it('refuses what the API refuses, in its words', () => {
    const rule = 'A bot name is 1 to 20 ASCII letters, digits, ".", "_" or "-", starting with a letter or digit, and not digits only (those are bot ids).';
    for (const name of ['bad name!', 'has space', '-lead', '.dot', 'x'.repeat(21), 'café', '20', '007']) expect(botNameProblem(name), name).toBe(rule);
    expect(botNameProblem('   ')).toBe('Enter a name.');
  });
});
