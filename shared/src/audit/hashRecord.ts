import { createHash } from 'node:crypto';
import { canonicalJson } from './canonicalJson.js';
import type { AuditRecord } from './records.js';

/** The hash a record must carry: SHA-256 of its canonical JSON without the `hash` field. */
export function hashRecord(record: Omit<AuditRecord, 'hash'> | AuditRecord): string {
  const rest: Record<string, unknown> = { ...record };
  delete rest.hash;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
