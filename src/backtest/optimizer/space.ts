// Parameter spaces for the optimizer: parsed from `name=from:to:step` or `name=a,b,c`, walked as a grid or sampled at random.
import { SeededRandom } from '../../core/rng.ts';

export type ParamValue = number | string | boolean;
export type ParamSpace = Readonly<Record<string, readonly ParamValue[]>>;
export type ParamPoint = Readonly<Record<string, ParamValue>>;

/** The most points one range may expand to; a typo like 1:1e9:1 fails instead of eating memory. */
const MAX_RANGE = 100_000;

export class ParamSpecError extends Error {}

/** `fast=5:20:5` (inclusive range), `mode=a,b` (list), `qty=1.5` (one value). Numbers and booleans are typed. */
export function parseParamSpec(spec: string): readonly [string, readonly ParamValue[]] {
  const at = spec.indexOf('=');
  const name = spec.slice(0, at).trim();
  const body = spec.slice(at + 1).trim();
  if (at <= 0 || body === '') throw new ParamSpecError(`"${spec}" is not name=value, name=a,b,c or name=from:to:step`);
  if (body.includes(':')) {
    const parts = body.split(':').map((part) => (part.trim() === '' ? NaN : Number(part)));
    if (parts.length < 2 || parts.length > 3) throw new ParamSpecError(`${name}: a range is from:to or from:to:step`);
    return [name, expandRange(name, parts[0]!, parts[1]!, parts[2] ?? 1)];
  }
  return [name, body.split(',').map((item) => typed(item.trim()))];
}

/** from, from + step, ... up to `to` inclusive; throws ParamSpecError for a bad or huge range. */
export function expandRange(name: string, from: number, to: number, step: number): number[] {
  if (![from, to, step].every(Number.isFinite) || step <= 0 || to < from) throw new ParamSpecError(`${name}: a range needs from <= to and a positive step`);
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > MAX_RANGE) throw new ParamSpecError(`${name}: ${count} values is more than ${MAX_RANGE}`);
  // Each value is computed from the start, and rounded to the step's decimals, so 0.1 steps do not drift.
  const decimals = Math.max(decimalsOf(from), decimalsOf(step));
  return Array.from({ length: count }, (_, i) => Number((from + i * step).toFixed(decimals)));
}

function decimalsOf(value: number): number {
  const text = String(value);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

function typed(text: string): ParamValue {
  if (text === 'true') return true;
  if (text === 'false') return false;
  const number = Number(text);
  return text !== '' && Number.isFinite(number) ? number : text;
}

export function spaceSize(space: ParamSpace): number {
  return Object.values(space).reduce((product, values) => product * values.length, 1);
}

/** Every combination, the last name varying fastest. */
export function* gridPoints(space: ParamSpace): Generator<ParamPoint> {
  const names = Object.keys(space);
  const lists = names.map((name) => space[name]!);
  if (lists.some((values) => values.length === 0)) return;
  const digits = lists.map(() => 0);
  for (;;) {
    yield Object.fromEntries(names.map((name, i) => [name, lists[i]![digits[i]!]!]));
    let i = names.length - 1;
    while (i >= 0 && ++digits[i]! === lists[i]!.length) digits[i--] = 0;
    if (i < 0) return;
  }
}

/** `count` distinct combinations drawn uniformly (all of them when the space is smaller), the same for the same seed. */
export function randomPoints(space: ParamSpace, count: number, seed: number): ParamPoint[] {
  const size = spaceSize(space);
  if (size <= count) return [...gridPoints(space)];
  const random = new SeededRandom(seed);
  const names = Object.keys(space);
  const seen = new Set<string>();
  const points: ParamPoint[] = [];
  while (points.length < count) {
    const point = Object.fromEntries(names.map((name) => [name, random.pick(space[name]!)]));
    const key = JSON.stringify(point);
    if (seen.has(key)) continue;
    seen.add(key);
    points.push(point);
  }
  return points;
}
