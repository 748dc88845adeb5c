// Valid chains and checkpoints for the verification tests (unit and end-to-end),
// built the way the writer builds them, so that each test can then tamper with them.
import { hashRecord, sha256Hex } from '../../hashRecord.js';
import { recordIdOf, type AuditRecord, type AuditRecordBody, type Checkpoint } from '../../records.js';
import type { CheckpointSigner } from '../../checkpoints/createCheckpointSigner.js';

export interface ChainOptions {
  /** Default 0; a chain cut by archival starts later (its `prev` must then be given). */
  firstSeq?: number;
  prev?: string | null;
  /** Time of the first record; default 2026-11-02T09:00:00Z. */
  startAt?: Date;
  /** Between two records; default one minute. */
  stepMs?: number;
  /** The GraphQL document of the request recorded at a seq; default one query for all. */
  document?: (seq: number) => string;
}

export const DEFAULT_DOCUMENT = 'query Person { person { name { lastName } } }';

/** `count` records of one chain, a request then the release it caused, alternately. */
export function buildChain(chain: string, count: number, options: ChainOptions = {}): AuditRecord[] {
  const { firstSeq = 0, startAt = new Date('2026-11-02T09:00:00Z'), stepMs = 60_000, document = () => DEFAULT_DOCUMENT } = options;
  const records: AuditRecord[] = [];
  let prev = options.prev ?? null;
  for (let i = 0; i < count; i++) {
    const seq = firstSeq + i;
    const at = new Date(startAt.getTime() + i * stepMs).toISOString();
    const body = recordBody(chain, seq, at, document(seq));
    const record = rehash({ ...body, _id: recordIdOf(body), chain, seq, prev, hash: '', at });
    records.push(record);
    prev = record.hash;
  }
  return records;
}

function recordBody(chain: string, seq: number, at: string, document: string): AuditRecordBody {
  const requestId = `${chain}/${Math.floor(seq / 2)}`;
  const common = {
    requestId,
    partnerId: 'capac',
    purpose: 'UNEMPLOYMENT_BENEFIT',
    authorizationIds: ['ISC/24/017'],
    partnerDay: `capac|${at.slice(0, 10)}`,
  };
  return seq % 2 === 0
    ? {
        ...common,
        kind: 'request',
        endUser: null,
        operationName: 'Person',
        documentHash: sha256Hex(document),
        outcome: 'answered',
        code: null,
        durationMs: 12 + (seq % 7),
      }
    : { ...common, kind: 'release', source: 'persons', ssins: ['85073100123'], fields: ['Person.name'] };
}

/** The record with its hash recomputed, as a forger who read hashRecord.ts would. */
export function rehash(record: AuditRecord): AuditRecord {
  return { ...record, hash: hashRecord(record) };
}

/** Checkpoints of the records at `seqs`, signed a second after each was made (or at `at`). */
export function checkpointsAt(
  records: readonly AuditRecord[],
  signer: CheckpointSigner,
  seqs: readonly number[],
  at?: string,
): Checkpoint[] {
  return seqs.map((seq) => {
    const record = records.find((r) => r.seq === seq);
    if (!record) throw new Error(`No record at seq ${seq} to checkpoint.`);
    return signer.sign({
      chain: record.chain,
      seq,
      hash: record.hash,
      at: at ?? new Date(Date.parse(record.at) + 1000).toISOString(),
    });
  });
}
