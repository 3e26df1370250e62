// collect gives what flatMap gives, for any lists.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collect } from './lists.ts';

describe('collect', () => {
  it('joins the picked lists in order, as flatMap does', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ id: fc.integer(), items: fc.array(fc.integer(), { maxLength: 10 }) }), { maxLength: 30 }), (groups) => {
        expect(collect(groups, (group) => group.items)).toEqual(groups.flatMap((group) => group.items));
      }),
    );
  });

  it('makes a new array, leaving a single list as it was', () => {
    const only = [1, 2, 3];
    const joined = collect([{ only }], (group) => group.only);
    expect(joined).toEqual([1, 2, 3]);
    expect(joined).not.toBe(only);
  });
});
