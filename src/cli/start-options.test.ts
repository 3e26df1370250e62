// Tests for the parsers of `bourse start`: trusted proxies, CORS origins and on/off switches.
import { describe, expect, it } from 'vitest';
import { proxyTrust } from '../api/http/client-address.ts';
import { corsOrigins, onOff, trustedProxies } from './start-options.ts';

describe('trustedProxies', () => {
  it('takes true, false, a hop count, or addresses, CIDRs, netmasks and range names', () => {
    for (const off of ['', 'false', 'OFF', 'no', '0']) expect(trustedProxies(off), off).toBeUndefined();
    for (const on of ['true', 'on', 'Yes']) expect(trustedProxies(on), on).toBe(true);
    expect(trustedProxies('2')).toBe(2);
    expect(trustedProxies(' 127.0.0.1 , 10.0.0.0/8,::1,fd00::/8,192.168.0.0/255.255.0.0,loopback ')).toBe('127.0.0.1,10.0.0.0/8,::1,fd00::/8,192.168.0.0/255.255.0.0,loopback');
    // Range names in any case, passed on as proxy-addr knows them: in lower case.
    expect(trustedProxies('LOOPBACK,UniqueLocal')).toBe('loopback,uniquelocal');
    expect(proxyTrust(trustedProxies('LOOPBACK'))?.('127.0.0.1', 0)).toBe(true);
  });

  it('refuses anything else, naming the entry', () => {
    const rule = 'expected true, false, a hop count from 1 to 100, or comma-separated addresses or CIDRs such as 10.0.0.0/8,127.0.0.1';
    expect(() => trustedProxies('101')).toThrow(rule);
    expect(() => trustedProxies('maybe')).toThrow(`${rule}; "maybe" is none of these`);
    expect(() => trustedProxies('10.0.0.0/33')).toThrow('"10.0.0.0/33" is none of these');
    expect(() => trustedProxies('::1/129')).toThrow('"::1/129" is none of these');
    expect(() => trustedProxies('10.0.0.1,,10.0.0.2')).toThrow('an empty entry is none of these');
    expect(() => trustedProxies('proxy.example.com')).toThrow('"proxy.example.com" is none of these');
  });
});

describe('corsOrigins', () => {
  it('splits on commas, trims, drops empty entries and appends to what came before', () => {
    expect(corsOrigins(' https://a.example , ,https://b.example,')).toEqual(['https://a.example', 'https://b.example']);
    expect(corsOrigins('https://c.example', ['https://a.example'])).toEqual(['https://a.example', 'https://c.example']);
    expect(corsOrigins('')).toEqual([]);
  });
});

describe('onOff', () => {
  it('reads on/off-like values in any case, and nothing as unset', () => {
    for (const on of ['on', '1', 'TRUE', 'yes']) expect(onOff('BOURSE_BOTS', on), on).toBe(true);
    for (const off of ['off', '0', 'False', ' no ']) expect(onOff('BOURSE_BOTS', off), off).toBe(false);
    expect(onOff('BOURSE_BOTS', undefined)).toBeUndefined();
    expect(onOff('BOURSE_BOTS', '')).toBeUndefined();
  });

  it('refuses anything else, naming the variable and the value', () => {
    expect(() => onOff('BOURSE_BOTS', 'perhaps')).toThrow("value 'perhaps' from env 'BOURSE_BOTS' is invalid. expected on, 1, true or yes, or off, 0, false or no");
  });
});
