// A request field the platform could not take, as the API refuses it: the field's code, one message, and details [{path, message}].
import type { FieldProblem } from '../platform/field-problem.ts';
import { ApiError, statusOf } from './errors.ts';

/**
 * The refusal of one bad field. A malformed value (a 400 code such as INVALID_QUANTITY) carries
 * the field in details as every validation refusal does; a well-formed one the exchange does not
 * know (UNKNOWN_SYMBOL, 422) is not a validation problem and keeps details null. The message names
 * the path when the field sits inside a leg or an entry ("legs.0.qty: qty must be ...").
 */
export function fieldRefusal(problem: FieldProblem): ApiError {
  if (statusOf(problem.problem) !== 400) return new ApiError(problem.problem, problem.message);
  const named = problem.path === '' || problem.message.startsWith(`${problem.path} `);
  return new ApiError(problem.problem, named ? problem.message : `${problem.path}: ${problem.message}`, [{ path: problem.path, message: problem.message }]);
}
