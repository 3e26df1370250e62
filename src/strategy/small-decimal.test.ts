// Tests that the small-decimal fast paths (figures in doubles) give exactly what the bigint paths give.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedToNumber, fixedToSmall, formatScaled, mulFixed, parseDecimal, smallProduct, smallProductMinus, smallSteps, stepsOf, textToSmall, toFixed, type Rounding } from './exact.ts';

/** A canonical decimal text of up to 15 digits. */
const decimalText = fc.tuple(fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }), fc.integer({ min: 0, max: 12 })).map(([digits, scale]) => formatScaled({ digits, scale }));

describe('small decimals', () => {
  it('reads canonical text and refuses everything else', () => {
    expect(textToSmall('100.23')).toEqual({ digits: 10023, scale: 2 });
    expect(textToSmall('-0.005')).toEqual({ digits: -5, scale: 3 });
    expect(textToSmall('-0')).toEqual({ digits: 0, scale: 0 });
    expect(textToSmall('123456789012345')).toEqual({ digits: 123456789012345, scale: 0 });
    for (const bad of ['', '-', '.5', '5.', '1.2.3', '1e5', ' 1', '+1', '1234567890123456', 'NaN']) expect(textToSmall(bad), bad).toBeUndefined();
  });

  it('parses to the same Fixed as the exact parser', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        expect(toFixed(text)).toBe(toFixed(`${text}e0`));
      }),
    );
  });

  it('turns a Fixed into its smallest scale, or refuses digits beyond a safe integer', () => {
    expect(fixedToSmall(toFixed('1002.30'))).toEqual({ digits: 10023, scale: 1 });
    expect(fixedToSmall(0n)).toEqual({ digits: 0, scale: 0 });
    expect(fixedToSmall(toFixed('12345678901234567'))).toBeUndefined();
  });

  it('values a position at a mark exactly as the bigint ledger does, or says it cannot (NaN)', () => {
    fc.assert(
      fc.property(decimalText, decimalText, decimalText, (qtyText, markText, costText) => {
        const qty = toFixed(qtyText);
        const mark = toFixed(markText);
        const cost = toFixed(costText);
        const [q, m, c] = [fixedToSmall(qty)!, textToSmall(markText)!, fixedToSmall(cost)!];
        const value = smallProduct(q, m);
        if (!Number.isNaN(value)) expect(Object.is(value, fixedToNumber(mulFixed(qty, mark)))).toBe(true);
        const unrealized = smallProductMinus(q, m, c);
        if (!Number.isNaN(unrealized)) expect(Object.is(unrealized, fixedToNumber(mulFixed(qty, mark) - cost))).toBe(true);
      }),
      { numRuns: 2000 },
    );
    expect(smallProduct({ digits: 2 ** 40, scale: 0 }, { digits: 2 ** 20, scale: 0 })).toBeNaN();
  });

  it('counts grid steps as stepsOf does', () => {
    const positive = decimalText.filter((text) => !text.startsWith('-') && text !== '0');
    fc.assert(
      fc.property(positive, positive, fc.constantFrom<Rounding>('down', 'up', 'nearest'), (valueText, stepText, mode) => {
        const steps = smallSteps(textToSmall(valueText)!, textToSmall(stepText)!, mode);
        if (!Number.isNaN(steps)) expect(BigInt(steps)).toBe(stepsOf(parseDecimal(valueText)!, parseDecimal(stepText)!, mode));
      }),
      { numRuns: 2000 },
    );
  });
});
