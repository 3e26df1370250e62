// Parsers for `bourse start` options whose values are more than a number: trusted proxies, CORS origins, and on/off switches.
import { InvalidArgumentError } from 'commander';
import { isIP } from 'node:net';

/** Names proxy-addr (Fastify's trustProxy) takes for whole ranges. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

const TRUST_PROXY_RULE = 'expected true, false, a hop count from 1 to 100, or comma-separated addresses or CIDRs such as 10.0.0.0/8,127.0.0.1';

/**
 * --trust-proxy as Fastify takes it: true trusts any proxy, a whole number counts hops, otherwise a list of addresses, CIDRs
 * (or address/netmask) and the names loopback, linklocal and uniquelocal. False, 0 or nothing trusts none (undefined).
 * Anything else is refused, where Fastify would only fail at start-up (or, for a name it does not know, never trust anyone).
 */
export function trustedProxies(text: string): boolean | number | string | undefined {
  const value = text.trim();
  if (value === '' || /^(false|off|no|0)$/i.test(value)) return undefined;
  if (/^(true|on|yes)$/i.test(value)) return true;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 100) throw new InvalidArgumentError(TRUST_PROXY_RULE);
    return hops;
  }
  const entries = value.split(',').map((entry) => entry.trim());
  const bad = entries.find((entry) => !isProxyEntry(entry));
  if (bad !== undefined) throw new InvalidArgumentError(`${TRUST_PROXY_RULE}; ${bad === '' ? 'an empty entry' : `"${bad}"`} is none of these`);
  // proxy-addr knows the range names in lower case only.
  return entries.map((entry) => (RANGE_NAMES.has(entry.toLowerCase()) ? entry.toLowerCase() : entry)).join(',');
}

function isProxyEntry(entry: string): boolean {
  if (RANGE_NAMES.has(entry.toLowerCase())) return true;
  const slash = entry.indexOf('/');
  if (slash < 0) return isIP(entry) !== 0;
  const version = isIP(entry.slice(0, slash));
  const range = entry.slice(slash + 1);
  if (version === 0) return false;
  if (/^\d{1,3}$/.test(range)) return Number(range) <= (version === 4 ? 32 : 128);
  // An IPv4 netmask, such as 10.0.0.0/255.0.0.0.
  return version === 4 && isIP(range) === 4;
}

/** Appends the comma-separated origins of one --cors-origin value or of BOURSE_CORS_ORIGINS, trimmed, without empty entries. */
export function corsOrigins(text: string, previous: readonly string[] = []): string[] {
  return [
    ...previous,
    ...text
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
  ];
}

/** An on/off switch from the environment: on, 1, true or yes; off, 0, false or no (any case). Undefined when unset or empty. */
export function onOff(variable: string, text: string | undefined): boolean | undefined {
  const value = text?.trim() ?? '';
  if (value === '') return undefined;
  if (/^(on|1|true|yes)$/i.test(value)) return true;
  if (/^(off|0|false|no)$/i.test(value)) return false;
  throw new InvalidArgumentError(`value '${text}' from env '${variable}' is invalid. expected on, 1, true or yes, or off, 0, false or no`);
}
