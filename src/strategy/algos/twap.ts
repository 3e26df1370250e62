// TWAP: a total quantity in equal slices at equal intervals over a duration.
import { SlicedAlgo, type SliceOptions } from './sliced.ts';

export type TwapOptions = SliceOptions;

export class Twap extends SlicedAlgo<TwapOptions> {
  readonly kind = 'twap';

  protected weights(): number[] {
    return Array.from({ length: this.params.slices }, () => 1);
  }
}
