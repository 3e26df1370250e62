// --param for `bourse backtest`, `run` and `optimize`: name=value specs read once each, and checked against the strategy before any data is.
import { InvalidArgumentError } from 'commander';
import { parseParamSpec, ParamSpecError, type ParamSpace, type ParamValue } from '../backtest/optimizer/space.ts';
import { checkParamChoices, checkParamNames, parseDeclaredParams, type AnyStrategyDefinition } from '../strategy/define-strategy.ts';

/** Commander's collector for a repeatable option. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export interface ParamSpec {
  readonly name: string;
  readonly values: readonly ParamValue[];
  /** As typed, for messages. */
  readonly spec: string;
}

/** Each spec as its name and values; a name given twice is refused rather than the last one silently winning. */
export function paramSpecs(specs: readonly string[]): ParamSpec[] {
  const parsed: ParamSpec[] = [];
  for (const spec of specs) {
    let name: string;
    let values: readonly ParamValue[];
    try {
      [name, values] = parseParamSpec(spec);
    } catch (error) {
      if (error instanceof ParamSpecError) throw new InvalidArgumentError(`--param ${error.message}`);
      throw error;
    }
    const earlier = parsed.find((p) => p.name === name);
    if (earlier !== undefined) throw new InvalidArgumentError(`--param ${name} is given twice (${earlier.spec}, then ${spec}); give each parameter once`);
    parsed.push({ name, values, spec });
  }
  return parsed;
}

/** `--param fast=10 --param slow=30` as params; a range or a list is an optimizer's, not a run's. */
function paramsOf(specs: readonly string[]): Record<string, ParamValue> {
  const params: Record<string, ParamValue> = {};
  for (const { name, values, spec } of paramSpecs(specs)) {
    if (values.length !== 1) throw new InvalidArgumentError(`--param ${spec}: a backtest takes one value per parameter (ranges are for bourse optimize)`);
    params[name] = values[0]!;
  }
  return params;
}

/** The params as given, once the strategy's schema accepts them (names it declares, values it takes); StrategyParamsError otherwise. */
export function strategyParams(strategy: AnyStrategyDefinition, specs: readonly string[]): Record<string, ParamValue> {
  const params = paramsOf(specs);
  parseDeclaredParams(strategy, params);
  return params;
}

/** The values to search, each a value its param's schema takes; a rule across params is checked run by run. */
export function strategySpace(strategy: AnyStrategyDefinition, specs: readonly string[]): ParamSpace {
  const space = Object.fromEntries(paramSpecs(specs).map(({ name, values }) => [name, values]));
  if (Object.keys(space).length === 0) throw new InvalidArgumentError('name at least one --param to search, such as --param fast=5:30:5');
  checkParamNames(strategy, Object.keys(space));
  checkParamChoices(strategy, space);
  return space;
}
