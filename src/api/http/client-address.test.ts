import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress, proxyTrust } from './client-address.ts';

/** A request from `peer` that passed through the proxies listed in X-Forwarded-For (client first). */
const request = (peer: string, forwardedFor?: string): IncomingMessage => ({ headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }, socket: { remoteAddress: peer } }) as unknown as IncomingMessage;

describe('clientAddress', () => {
  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(proxyTrust(undefined)).toBeUndefined();
    expect(proxyTrust(false)).toBeUndefined();
    expect(proxyTrust(' ')).toBeUndefined();
    expect(clientAddress(request('10.0.0.1', '198.51.100.9'), undefined)).toBe('10.0.0.1');
  });

  it('believes every hop when trust is true', () => {
    expect(clientAddress(request('10.0.0.1', '198.51.100.9, 10.0.0.2'), proxyTrust(true))).toBe('198.51.100.9');
  });

  it('believes as many hops as a number says, counted from the server', () => {
    const trust = proxyTrust(1);
    expect(clientAddress(request('10.0.0.1', '198.51.100.9, 10.0.0.2'), trust)).toBe('10.0.0.2');
    expect(clientAddress(request('10.0.0.1'), trust)).toBe('10.0.0.1');
  });

  it('believes only the listed addresses and ranges, comma-separated', () => {
    const trust = proxyTrust('10.0.0.0/8, loopback');
    expect(clientAddress(request('127.0.0.1', '198.51.100.9, 10.1.2.3'), trust)).toBe('198.51.100.9');
    // An untrusted peer's header is not read: it could have written anything.
    expect(clientAddress(request('192.0.2.1', '198.51.100.9'), trust)).toBe('192.0.2.1');
  });
});
