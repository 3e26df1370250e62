// A request field the platform could not take, as the API refuses it: the field's code, one message, and details [{path, message}].
import { joinProblems, type FieldIssue } from '../core/field-issues.ts';
import type { FieldProblem } from '../platform/field-problem.ts';
import { echo } from './echo.ts';
import { ApiError, statusOf } from './errors.ts';

/**
 * The refusal of one bad field, with the field in details as every validation refusal has it. A
 * malformed value (a 400 code such as INVALID_QUANTITY) names the path in its message when the
 * field sits inside a leg or an entry ("legs.0.qty: qty must be ..."); a well-formed one the
 * exchange does not know (UNKNOWN_SYMBOL, 422) keeps its own sentence.
 */
export function fieldRefusal(problem: FieldProblem): ApiError {
  if (problem.alongside?.length) return severalFields([problem, ...problem.alongside]);
  const details = problem.path === '' && statusOf(problem.problem) !== 400 ? undefined : [{ path: problem.path, message: problem.message }];
  if (statusOf(problem.problem) !== 400) return new ApiError(problem.problem, problem.message, details);
  const named = problem.path === '' || problem.message.startsWith(`${problem.path} `);
  return new ApiError(problem.problem, named ? problem.message : `${problem.path}: ${problem.message}`, details);
}

/** Several bad fields of one request: the first one's code, each field in details, their messages joined. */
function severalFields(problems: readonly FieldProblem[]): ApiError {
  const each = problems.map((problem) => fieldRefusal({ ...problem, alongside: undefined }));
  return new ApiError(problems[0]!.problem, joinProblems(each.map((error) => error.message)), each.flatMap((error) => error.details as FieldIssue[]));
}

/** Where an unlisted symbol was named, and how the refusal answers it. */
export interface SymbolField {
  /** The field that named it: "symbol" in a body or the query string, "legs.1.symbol", the path parameter's name. */
  readonly path: string;
  /** 404 when the symbol names a resource in the URL path; else the code's own 422. */
  readonly status?: number;
  /** Where the caller finds the symbols it may name; the listed instruments unless given. */
  readonly listedAt?: string;
}

/** The one sentence every UNKNOWN_SYMBOL refusal says, top-level and in details. */
export function notListedMessage(symbol: string, listedAt = 'GET /api/v1/instruments lists the symbols'): string {
  return `${echo(symbol)} is not listed; ${listedAt}.`;
}

/** UNKNOWN_SYMBOL for a symbol that is not listed, with the field that named it in details. */
export function unknownSymbol(symbol: string, field: SymbolField): ApiError {
  const message = notListedMessage(symbol, field.listedAt);
  return new ApiError('UNKNOWN_SYMBOL', message, [{ path: field.path, message }], field.status);
}

/** UNKNOWN_ASSET (422) for an asset code the exchange does not have, with the field that named it (`path`) in details. */
export function unknownAsset(asset: string, path: string): ApiError {
  const message = `${asset} is not an asset here; GET /api/v1/assets lists the assets.`;
  return new ApiError('UNKNOWN_ASSET', message, [{ path, message }]);
}
