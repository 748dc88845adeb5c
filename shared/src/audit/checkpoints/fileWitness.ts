import fs from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Checkpoint } from '../records.js';

/** Somewhere outside the audit database that keeps a copy of every checkpoint. */
export interface CheckpointWitness {
  /** Resolves once the checkpoint is durably kept (for a file: written and fsync'd). */
  append(checkpoint: Checkpoint): Promise<void>;
  close(): Promise<void>;
}

/**
 * A witness that appends each checkpoint as one JSON line to a file: the file
 * AUDIT_WITNESS_FILE names, shared by every writer of the system. Opened with
 * O_APPEND, each line goes out in a single write(2) of a few hundred bytes
 * (far below PIPE_BUF), which a local Linux filesystem appends whole, so lines
 * of several processes never interleave; then fsync. Not on NFS, whose appends
 * are not atomic across clients.
 *
 * The file is the operator's to protect: make it append-only (`chattr +a`),
 * or ship it to another host as it grows. Someone who can delete records and
 * checkpoints from the database but not rewrite this file can no longer make a
 * chain, or its end, disappear unseen.
 */
export async function openFileWitness(file: string): Promise<CheckpointWitness> {
  // Opened (and created) when the process starts: a witness that cannot be written stops the start, and
  // the file exists from then on, so a missing file always means one that was removed.
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const created = !fs.existsSync(file);
  const handle: FileHandle = await open(file, 'a', 0o600);
  // A new file is durable only once its directory entry is: fsync the directory too.
  if (created) await syncDirectory(path.dirname(file));
  let writing: Promise<void> = Promise.resolve();
  return {
    append(checkpoint) {
      const line = `${JSON.stringify(checkpoint)}\n`;
      const run = writing.then(async () => {
        await handle.write(line);
        await handle.sync();
      });
      writing = run.catch(() => {});
      return run;
    },
    async close() {
      await writing;
      await handle.close();
    },
  };
}

async function syncDirectory(dir: string): Promise<void> {
  const h = await open(dir, 'r');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

export interface WitnessContents {
  /** Every line that parsed as a checkpoint, in file order; their signatures are verify's to check. */
  checkpoints: Checkpoint[];
  /** Lines that are not a checkpoint (a torn last line after a power cut, or an edit): `file:line`. */
  unreadable: string[];
}

/**
 * Reads witness files (the current one and any rotated ones the operator
 * kept). A file that does not exist is an error: a witness that went missing
 * must not pass for one that saw nothing.
 */
export async function readWitness(files: readonly string[]): Promise<WitnessContents> {
  const contents: WitnessContents = { checkpoints: [], unreadable: [] };
  for (const file of files) {
    const lines = createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
    let n = 0;
    for await (const line of lines) {
      n++;
      if (line.trim() === '') continue;
      const parsed = parseCheckpoint(line);
      if (parsed) contents.checkpoints.push(parsed);
      else contents.unreadable.push(`${file}:${n}`);
    }
  }
  return contents;
}

function parseCheckpoint(line: string): Checkpoint | undefined {
  try {
    const value = JSON.parse(line) as Partial<Checkpoint> | null;
    if (value && typeof value === 'object' && typeof value.chain === 'string' && typeof value._id === 'string') return value as Checkpoint;
  } catch {
    // unreadable
  }
  return undefined;
}
