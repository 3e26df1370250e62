import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { suiteTempDir } from '../journal/test-support.ts';
import { sizeOfFile, unreadable } from './history-io.ts';

const dir = suiteTempDir('bourse-history-io-');

describe('sizeOfFile', () => {
  it('is the size of a readable file', async () => {
    const file = join(dir, 'bars.csv');
    await writeFile(file, 'time,close\n');
    expect(await sizeOfFile(file)).toBe(11);
  });

  it('says why a path cannot be read, naming the option it came with', async () => {
    await expect(sizeOfFile(join(dir, 'nope.csv'))).rejects.toThrow(`cannot read ${join(dir, 'nope.csv')}: no such file`);
    await expect(sizeOfFile(join(dir, 'nope.csv'), '--data')).rejects.toThrow(`cannot read --data ${join(dir, 'nope.csv')}: no such file`);
    await expect(sizeOfFile(dir, '--data')).rejects.toThrow(`--data ${dir} is a directory; give a CSV or JSON-lines file`);
  });

  it('words permission problems, and passes other errors through as they are', () => {
    const denied = Object.assign(new Error('EACCES: permission denied, open'), { code: 'EACCES' });
    expect(unreadable('x.csv', denied)).toMatchObject({ message: 'cannot read x.csv: permission denied' });
    const other = Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
    expect(unreadable('x.csv', other)).toBe(other);
  });
});
