// A problem with one field of a request, named by its path, so the API can point at it ("legs.0.qty").
import type { UnitProblem } from './units.ts';

export interface FieldProblem extends UnitProblem {
  /** Where the field sits in the request: "qty", "entry.price", "legs.1.stopPrice", "maxDailyLoss". */
  readonly path: string;
  /** Other fields of the same request found bad in the same pass, each told too. */
  readonly alongside?: readonly FieldProblem[];
}

/** The first of several problems, carrying the rest; undefined when there are none. */
export function together(problems: readonly FieldProblem[]): FieldProblem | undefined {
  const [first, ...rest] = problems;
  return first && (rest.length ? { ...first, alongside: rest } : first);
}

/** The problem placed at `path`. */
export function atPath(problem: UnitProblem, path: string): FieldProblem {
  return { problem: problem.problem, message: problem.message, path };
}
