// The caller's address behind the proxies the operator trusts: one rule for REST (Fastify's request.ip) and the WebSocket upgrade.
import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

/** Whether the hop at `address`, `hop` steps from the server, is a proxy whose X-Forwarded-For is believed. */
export type ProxyTrust = (address: string, hop: number) => boolean;

/**
 * The operator's setting as one trust rule: true for every hop, a number of hops, or addresses and
 * CIDR ranges (comma-separated). Undefined when no proxy is trusted: the caller is the socket's peer.
 */
export function proxyTrust(trust: boolean | number | string | undefined): ProxyTrust | undefined {
  if (trust === undefined || trust === false || (typeof trust === 'string' && trust.trim() === '')) return undefined;
  if (trust === true) return () => true;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return proxyAddr.compile(trust.split(',').map((entry) => entry.trim()));
}

/** The address whose budget the request spends: the nearest untrusted hop. */
export function clientAddress(request: IncomingMessage, trust: ProxyTrust | undefined): string {
  return trust ? proxyAddr(request, trust) : (request.socket.remoteAddress ?? '');
}
