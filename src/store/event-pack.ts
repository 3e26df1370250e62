// Engine events packed for another thread: numbers in one transferable Float64Array, strings in a small table.
import type { EngineEvent, EventType } from '../core/events.ts';

/**
 * How one field travels. `num` and `str` are required; `num?` and `str?` may be absent (then
 * absent again after unpacking); `spec` is a nested plain record (asset or instrument spec),
 * carried as JSON since it only appears when something is listed.
 */
type Kind = 'num' | 'num?' | 'str' | 'str?' | 'bool' | 'spec';

type EventOf<T extends EventType> = Extract<EngineEvent, { type: T }>;
type Field<T extends EventType> = readonly [Exclude<keyof EventOf<T>, 'type'>, Kind];

/**
 * The fields of every event type. The order is the packed order. A field left out here would be
 * lost on the way, which the type below refuses at compile time.
 */
const LAYOUTS = {
  AssetAdded: [['seq', 'num'], ['ts', 'num'], ['asset', 'spec']],
  InstrumentAdded: [['seq', 'num'], ['ts', 'num'], ['instrument', 'spec']],
  AccountOpened: [['seq', 'num'], ['ts', 'num'], ['accountId', 'num']],
  RiskLimitsSet: [['seq', 'num'], ['ts', 'num'], ['accountId', 'num'], ['symbol', 'str'], ['maxOrderQty', 'num?'], ['maxOrderNotional', 'num?'], ['maxPosition', 'num?']],
  OrderAccepted: [
    ['seq', 'num'], ['ts', 'num'], ['orderId', 'num'], ['accountId', 'num'], ['clientOrderId', 'str?'], ['symbol', 'str'], ['side', 'str'], ['orderType', 'str'],
    ['tif', 'str'], ['qty', 'num'], ['price', 'num?'], ['stopPrice', 'num?'], ['trailAmount', 'num?'], ['trailBps', 'num?'], ['waterMark', 'num?'], ['expireAt', 'num?'], ['postOnly', 'bool'],
    ['stp', 'str'], ['state', 'str'], ['groupId', 'num?'], ['parentId', 'num?'],
  ],
  OrderRejected: [['seq', 'num'], ['ts', 'num'], ['accountId', 'num'], ['clientOrderId', 'str?'], ['symbol', 'str'], ['reason', 'str'], ['message', 'str'], ['existingOrderId', 'num?']],
  RequestRejected: [['seq', 'num'], ['ts', 'num'], ['command', 'str'], ['accountId', 'num?'], ['orderId', 'num?'], ['reason', 'str'], ['message', 'str']],
  OrderTriggered: [['seq', 'num'], ['ts', 'num'], ['orderId', 'num'], ['accountId', 'num'], ['symbol', 'str'], ['cause', 'str'], ['qty', 'num'], ['triggerPrice', 'num?']],
  Fill: [
    ['seq', 'num'], ['ts', 'num'], ['tradeId', 'num'], ['orderId', 'num'], ['accountId', 'num'], ['symbol', 'str'], ['side', 'str'], ['liquidity', 'str'], ['price', 'num'],
    ['qty', 'num'], ['fee', 'num'], ['counterOrderId', 'num'], ['leavesQty', 'num'], ['filledQty', 'num'],
  ],
  OrderCancelled: [['seq', 'num'], ['ts', 'num'], ['orderId', 'num'], ['accountId', 'num'], ['symbol', 'str'], ['reason', 'str'], ['cancelledQty', 'num'], ['filledQty', 'num'], ['message', 'str?']],
  OrderExpired: [['seq', 'num'], ['ts', 'num'], ['orderId', 'num'], ['accountId', 'num'], ['symbol', 'str'], ['reason', 'str'], ['cancelledQty', 'num'], ['filledQty', 'num']],
  OrderReplaced: [['seq', 'num'], ['ts', 'num'], ['orderId', 'num'], ['accountId', 'num'], ['symbol', 'str'], ['qty', 'num'], ['leavesQty', 'num'], ['price', 'num?'], ['stopPrice', 'num?'], ['priorityKept', 'bool']],
  LedgerEntry: [
    ['seq', 'num'], ['ts', 'num'], ['accountId', 'num'], ['asset', 'str'], ['reason', 'str'], ['refId', 'num'], ['deltaAvailable', 'num'], ['deltaHeld', 'num'], ['available', 'num'],
    ['held', 'num'], ['memo', 'str?'],
  ],
  SessionEnded: [['seq', 'num'], ['ts', 'num'], ['symbol', 'str?']],
  StopMoved: [['seq', 'num'], ['ts', 'num'], ['orderId', 'num'], ['accountId', 'num'], ['symbol', 'str'], ['stopPrice', 'num'], ['waterMark', 'num']],
  TradingStatusChanged: [['seq', 'num'], ['ts', 'num'], ['symbol', 'str'], ['status', 'str'], ['reason', 'str?']],
} as const satisfies { readonly [T in EventType]: ReadonlyArray<Field<T>> };

/** Every field of every event type has a layout entry: a missing one names itself in the error. */
type Missing = { [T in EventType]: Exclude<keyof EventOf<T>, 'type' | (typeof LAYOUTS)[T][number][0]> }[EventType];
const complete: [Missing] extends [never] ? true : Missing = true;
void complete;

const TYPES = Object.keys(LAYOUTS) as EventType[];
/** Per type code: field names and kinds as parallel arrays, so the loops below read no tuples. */
const NAMES: string[][] = TYPES.map((type) => LAYOUTS[type].map(([name]) => name));
const KINDS: Kind[][] = TYPES.map((type) => LAYOUTS[type].map(([, kind]) => kind));

/** Writes one event's fields at `pos` of `numbers` (strings through `intern`); returns the next position. */
type PackOne = (event: EngineEvent, numbers: Float64Array, pos: number, intern: (value: string) => number) => number;

/**
 * One packing function per type, generated from its layout: each reads its fields by name, so
 * every property access sees one kind of object and stays fast, where a loop over field names
 * would read them by key from every type and be several times slower. The names come from
 * LAYOUTS, checked against the event types above, never from data.
 */
function packerOf(code: number): PackOne {
  const read = (name: string, kind: Kind): string => {
    const field = `e.${name}`;
    switch (kind) {
      case 'num':
        return field;
      case 'num?':
        return `${field} === undefined ? NaN : ${field}`;
      case 'str':
        return `s(${field})`;
      case 'str?':
        return `${field} === undefined ? NaN : s(${field})`;
      case 'bool':
        return `${field} ? 1 : 0`;
      case 'spec':
        return `s(JSON.stringify(${field}))`;
    }
  };
  const lines = NAMES[code]!.map((name, i) => `n[p++] = ${read(name, KINDS[code]![i]!)};`);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- generated from the constant layouts above
  return new Function('e', 'n', 'p', 's', `n[p++] = ${code};\n${lines.join('\n')}\nreturn p;`) as PackOne;
}

const PACKERS = new Map<string, { readonly size: number; readonly pack: PackOne }>(TYPES.map((type, code) => [type, { size: NAMES[code]!.length + 1, pack: packerOf(code) }]));

/**
 * A batch of events as posted to a worker: `numbers` holds, per event, its type code and then its
 * fields in layout order (strings as indexes into `strings`). Engine numbers are integers, so NaN
 * is free to mean "absent", and a float64 holds every one of them exactly.
 */
export interface PackedEvents {
  readonly count: number;
  readonly numbers: Float64Array<ArrayBuffer>;
  readonly strings: string[];
}

/**
 * Packs events for `postMessage` (transfer `numbers.buffer`). Cloning the event objects themselves
 * costs the sending thread about twenty times more: every property of every object is serialized.
 */
export function packEvents(events: readonly EngineEvent[]): PackedEvents {
  // Sized exactly in a first pass: one allocation of the buffer that is then transferred as is.
  const packers = new Array<PackOne>(events.length);
  let size = 0;
  for (let i = 0; i < events.length; i++) {
    const packer = PACKERS.get(events[i]!.type);
    if (packer === undefined) throw new Error(`cannot pack an event of type ${String(events[i]!.type)}`);
    packers[i] = packer.pack;
    size += packer.size;
  }
  const numbers = new Float64Array(size);
  const strings: string[] = [];
  const index = new Map<string, number>();
  const intern = (value: string): number => {
    let at = index.get(value);
    if (at === undefined) {
      at = strings.push(value) - 1;
      index.set(value, at);
    }
    return at;
  };
  let pos = 0;
  for (let i = 0; i < events.length; i++) pos = packers[i]!(events[i]!, numbers, pos, intern);
  return { count: events.length, numbers, strings };
}

/** The events `packEvents` packed, as plain objects; an absent optional field is absent again. */
export function unpackEvents(packed: PackedEvents): EngineEvent[] {
  const { numbers, strings } = packed;
  const events: EngineEvent[] = new Array<EngineEvent>(packed.count);
  let pos = 0;
  for (let e = 0; e < packed.count; e++) {
    const code = numbers[pos++]!;
    const names = NAMES[code];
    const kinds = KINDS[code];
    if (names === undefined || kinds === undefined) throw new Error(`packed events hold an unknown type code ${code}`);
    const record: Record<string, unknown> = { type: TYPES[code] };
    for (let i = 0; i < names.length; i++) {
      const value = numbers[pos++]!;
      const kind = kinds[i]!;
      if (Number.isNaN(value)) continue;
      if (kind === 'num' || kind === 'num?') record[names[i]!] = value;
      else if (kind === 'bool') record[names[i]!] = value === 1;
      else if (kind === 'spec') record[names[i]!] = JSON.parse(strings[value]!) as unknown;
      else record[names[i]!] = strings[value];
    }
    events[e] = record as unknown as EngineEvent;
  }
  return events;
}
