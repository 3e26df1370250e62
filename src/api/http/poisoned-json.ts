// A JSON body refused for a key that could change what objects inherit (__proto__, constructor.prototype): valid JSON, so told apart from JSON that does not parse.
import { ApiError } from '../errors.ts';

/** Where the first forbidden key sits ("legs.0.__proto__") and what it is, or undefined. A walk with its own stack, so no depth of nesting overflows the call stack. */
function forbiddenKey(root: unknown): { readonly path: string; readonly key: string } | undefined {
  const stack: Array<{ readonly value: unknown; readonly at: readonly string[] }> = [{ value: root, at: [] }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    const entries = Object.entries(next.value as Record<string, unknown>);
    for (const [key, child] of entries) {
      const path = [...next.at, key].join('.');
      if (key === '__proto__') return { path, key };
      if (key === 'constructor' && typeof child === 'object' && child !== null && Object.hasOwn(child, 'prototype')) return { path: `${path}.prototype`, key: 'constructor.prototype' };
    }
    for (const [key, child] of entries.reverse()) stack.push({ value: child, at: [...next.at, key] });
  }
  return undefined;
}

/**
 * The refusal of a body Fastify's parser refused although it is JSON: it carries __proto__ or
 * constructor.prototype, which the parser refuses rather than let a body reach an object's
 * prototype. Undefined when the text does not parse at all (then it is not JSON). `JSON.parse`
 * keeps such a key an ordinary own property, so looking for it here is safe.
 */
export function poisonedJsonRefusal(text: string): ApiError | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const found = forbiddenKey(parsed);
  if (!found) return undefined;
  const message = `The body may not contain the key ${found.key}`;
  return new ApiError('INVALID_REQUEST', message, [{ path: found.path, message: `${found.path} is refused: no key of the body may be ${found.key}` }]);
}
