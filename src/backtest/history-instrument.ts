// The listed instrument as a backtest on history trades it: shared by the CLI and the REST API.
import type { InstrumentSpec } from '../core/instrument.ts';
import { MAX_BAND_BPS } from '../core/limits.ts';

/**
 * The listed terms with the price band opened to the widest: history's prices happened, so no band
 * refuses them, and slippage as wide as the listed band still fills. A replay of a recording keeps
 * the recorded band instead, as the live market had it.
 */
export function historyInstrument(listed: InstrumentSpec): InstrumentSpec {
  return { ...listed, bandBps: MAX_BAND_BPS };
}
