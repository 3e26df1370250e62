import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { suiteTempDir } from '../journal/test-support.ts';
import { describeError, positiveDecimal } from './options.ts';

/** A file-system error as Node raises it. */
function fsError(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: permission denied, ${syscall} '${path}'`), { code, syscall, path });
}

describe('describeError', () => {
  const dir = suiteTempDir('bourse-describe-error-');

  it('says a write was refused, and suggests another --data-dir, for a directory or file that cannot be written', () => {
    expect(describeError(fsError('EACCES', 'mkdir', '/data/journal'))).toBe('cannot write /data/journal (EACCES): choose a writable --data-dir');
    expect(describeError(fsError('EROFS', 'open', '/data/journal/0001.log'))).toBe('cannot write /data/journal/0001.log (EROFS): choose a writable --data-dir');
    // An open refused for a file that is not there yet was creating it.
    expect(describeError(fsError('EACCES', 'open', join(dir, 'new.log')))).toBe(`cannot write ${join(dir, 'new.log')} (EACCES): choose a writable --data-dir`);
  });

  it('says a read was refused, without the --data-dir advice, for a file that cannot be read', () => {
    expect(describeError(fsError('EACCES', 'scandir', '/etc/bourse'))).toBe('cannot read /etc/bourse: permission denied (EACCES)');
    expect(describeError(fsError('EACCES', 'open', '/etc/bourse/markets.json'), () => false)).toBe('cannot read /etc/bourse/markets.json: permission denied (EACCES)');
  });

  it.skipIf(process.getuid?.() === 0)('tells a refused open of an unreadable file from one for writing, by the file', async () => {
    const file = join(dir, 'markets.json');
    await writeFile(file, '{}');
    await chmod(file, 0o000);
    expect(describeError(fsError('EACCES', 'open', file))).toBe(`cannot read ${file}: permission denied (EACCES)`);
  });

  it('does not repeat a cause the error above it already quotes', () => {
    const cause = fsError('EACCES', 'open', '/etc/bourse/markets.json');
    const error = new Error(`cannot read the markets file /etc/bourse/markets.json: ${cause.message}`, { cause });
    expect(describeError(error, () => false)).toBe(error.message);
    const missing = Object.assign(new Error("ENOENT: no such file or directory, open 'x.json'"), { code: 'ENOENT' });
    expect(describeError(new Error(`cannot read the bots file x.json: ${missing.message}`, { cause: missing }))).toBe("cannot read the bots file x.json: ENOENT: no such file or directory, open 'x.json'");
    expect(describeError(new Error('listen failed', { cause: new Error('boom') }))).toBe('listen failed: boom');
  });
});

describe('positiveDecimal', () => {
  const cash = positiveDecimal('--cash');

  it('takes a positive decimal as the REST API spells one', () => {
    expect(['10000', '2500.50', '0.5', '1'].map(cash)).toEqual(['10000', '2500.50', '0.5', '1']);
  });

  it('refuses a leading zero, a sign, a space, an exponent and zero, naming the option', () => {
    for (const text of ['05000', '00.5', '+5', '-5', ' 5', '1e4', '0', '0.00', '', 'ten']) {
      expect(() => cash(text), text).toThrow('--cash must be a positive plain decimal such as 10000 or 2500.50 (digits, no spaces, exponent or leading zeros)');
    }
  });
});
