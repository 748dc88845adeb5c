import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Checkpoint } from '../records.js';
import { openFileWitness, readWitness } from './fileWitness.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'witness-test-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const checkpoint = (chain: string, seq: number): Checkpoint => ({
  _id: `${chain}:${seq}`,
  chain,
  seq,
  hash: seq.toString(16).padStart(64, '0'),
  at: '2026-11-29T10:00:00.000Z',
  keyId: 'k'.repeat(43),
  signature: 's'.repeat(86),
});

describe('the witness file', () => {
  it('is created when a writer starts, and keeps each checkpoint as one line', async () => {
    const file = path.join(dir, 'sub', 'witness.jsonl');
    const witness = await openFileWitness(file);
    expect(fs.readFileSync(file, 'utf8')).toBe('');
    await witness.append(checkpoint('gateway:a', 0));
    await witness.append({ ...checkpoint('gateway:a', 0), _id: 'gateway:a:0:closing', closing: true });
    await witness.close();
    expect(await readWitness([file])).toEqual({
      checkpoints: [checkpoint('gateway:a', 0), { ...checkpoint('gateway:a', 0), _id: 'gateway:a:0:closing', closing: true }],
      unreadable: [],
    });
  });

  it('takes lines from several processes at once without mixing them', async () => {
    const file = path.join(dir, 'witness.jsonl');
    // Four processes, each appending 200 checkpoints as fast as it can through its own O_APPEND handle.
    const script = `
      import { openFileWitness } from ${JSON.stringify(new URL('./fileWitness.ts', import.meta.url).pathname)};
      const w = await openFileWitness(process.argv[1]);
      const chain = process.argv[2];
      await Promise.all(Array.from({ length: 200 }, (_, seq) => w.append({ _id: chain + ':' + seq, chain, seq, hash: 'h'.repeat(64), at: 'now', keyId: 'k', signature: 's'.repeat(86) })));
      await w.close();`;
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((chain) =>
        promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, file, `persons:${chain}`]),
      ),
    );
    const { checkpoints, unreadable } = await readWitness([file]);
    expect(unreadable).toEqual([]);
    expect(checkpoints).toHaveLength(800);
    for (const chain of ['a', 'b', 'c', 'd'])
      expect(checkpoints.filter((c) => c.chain === `persons:${chain}`).map((c) => c.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i));
  }, 60_000);

  it('reports lines that are not checkpoints, and refuses a file that is not there', async () => {
    const file = path.join(dir, 'witness.jsonl');
    fs.writeFileSync(file, `${JSON.stringify(checkpoint('gateway:a', 3))}\n{"chain":"gatew\nnot json\n`);
    expect(await readWitness([file])).toEqual({ checkpoints: [checkpoint('gateway:a', 3)], unreadable: [`${file}:2`, `${file}:3`] });
    await expect(readWitness([path.join(dir, 'gone.jsonl')])).rejects.toThrow(/ENOENT/);
  });
});
