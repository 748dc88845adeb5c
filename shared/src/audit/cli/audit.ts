// `npm run audit -- <verify|archive|keygen> [options]`: checks the audit trail's
// chains and checkpoints, removes what is past retention, or makes a key pair.
// Exit status: 0 all good; 1 the trail does not verify (archive then removes
// nothing); 2 it could not run (usage, configuration, connection).
import { parseArgs } from 'node:util';
import type { MongoClient } from 'mongodb';
import { connectMongo } from '../../mongo/connectMongo.js';
import { AUDIT_WITNESS_FILE_ENV, auditCheckpointIntervalMsFromEnv, auditWitnessFileFromEnv } from '../auditSettings.js';
import { auditKeyPairToEnv, auditPublicKeysFromEnv, generateAuditKeyPair } from '../checkpoints/auditKeys.js';
import { AUDIT_DATABASE } from '../records.js';
import { archiveExpired, type ChainArchive } from '../verify/archiveExpired.js';
import type { AuditLogReport, ChainReport, Problem } from '../verify/report.js';
import { AUDIT_RETENTION_DAYS_ENV, retentionDaysFromEnv } from '../verify/retention.js';
import { verifyAuditLog } from '../verify/verifyAuditLog.js';
import { runExport } from './exportAuditLog.js';

const usage = `npm run audit -- <command> [options]

  verify    check every chain of records and every checkpoint, stored or
            witnessed, and every release a request record lists; print each
            chain, how it ends and its first problem; exit 1 on any problem
  archive   remove records past retention, cutting each chain just after a
            checkpoint, or whole when every record of it is past retention;
            and query texts no remaining record names. Runs verify first and
            removes nothing if it fails
  keygen    print a new checkpoint signing key pair as AUDIT_SIGNING_KEY and
            AUDIT_PUBLIC_KEYS lines
  export    the security officer's view of a partner's or a person's requests
            as JSON Lines, through the gateway (npm run -s audit -- export --help)

  --retention-days N  retention in days; default $${AUDIT_RETENTION_DAYS_ENV} or 3650.
                      verify reports a cut archive could not have made with it
  --database NAME     default ${AUDIT_DATABASE}
  --witness FILE      a witness file of checkpoints (repeat for rotated ones);
                      default $${AUDIT_WITNESS_FILE_ENV}; --no-witness reads none
  --dry-run           archive: report what would be removed, remove nothing
  --json              verify: print the whole report as JSON

Environment: MONGODB_URI (verify, archive), AUDIT_PUBLIC_KEYS (a JSON array of
the public JWKs of every key that signed checkpoints still stored),
AUDIT_WITNESS_FILE, AUDIT_CHECKPOINT_INTERVAL_MS (the writers' interval).
`;

class UsageError extends Error {}
const print = (line = ''): void => void process.stdout.write(`${line}\n`);

interface Options {
  command: 'help' | 'verify' | 'archive' | 'keygen';
  database: string;
  dryRun: boolean;
  json: boolean;
  retentionDays: number;
  witnessFiles: string[] | undefined;
}

function options(): Options {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        'retention-days': { type: 'string' },
        database: { type: 'string', default: AUDIT_DATABASE },
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        witness: { type: 'string', multiple: true },
        'no-witness': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const fromEnv = auditWitnessFileFromEnv();
  const witnessFiles = values['no-witness'] ? undefined : values.witness?.length ? values.witness : fromEnv ? [fromEnv] : undefined;
  const common = { database: values.database, dryRun: values['dry-run'], json: values.json, witnessFiles };
  if (values.help) return { command: 'help', ...common, retentionDays: 0 };
  const command = positionals[0];
  if (positionals.length !== 1 || (command !== 'verify' && command !== 'archive' && command !== 'keygen'))
    throw new UsageError('Name one command: verify, archive or keygen.');
  const retentionDays = values['retention-days'] === undefined ? retentionDaysFromEnv() : Number(values['retention-days']);
  if (!Number.isSafeInteger(retentionDays) || retentionDays < 1)
    throw new UsageError('--retention-days takes a whole number of days, at least 1.');
  return { command, ...common, retentionDays };
}

function mongoUri(): string {
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new UsageError(`MONGODB_URI is not set: point it at the server that holds the audit trail.`);
  return uri;
}

function chainLine(chain: ChainReport): string {
  const witnessed = chain.witnessed > 0 ? `, ${chain.witnessed} witnessed` : '';
  const span =
    chain.firstSeq === null
      ? `no records (${chain.checkpoints} checkpoints${witnessed})`
      : `seq ${chain.firstSeq}–${chain.lastSeq} (${chain.records} records, ${chain.checkpoints} checkpoints${witnessed})`;
  const archived = chain.archivedThrough === null ? '' : `archived through seq ${chain.archivedThrough}; `;
  return `${chain.problems.length === 0 ? 'ok  ' : 'FAIL'}  ${chain.chain}  ${archived}${span}  ${endNote(chain)}`;
}

/** How the chain ends, in words: a chain that stops without a closing checkpoint is a crash or a cut. */
function endNote(chain: ChainReport): string {
  const after = `${chain.unsigned} record(s) after its newest checkpoint`;
  switch (chain.end) {
    case 'closed':
      return 'closed';
    case 'continued':
      return `continued in ${chain.continuedIn} after a failed write${chain.unsigned > 0 ? `; ${after}` : ''}`;
    case 'open':
      return 'open: no closing checkpoint (its writer is running, or stopped after its last checkpoint)';
    case 'pending':
      return `open: ${after}, to be signed within the checkpoint interval (its writer is running)`;
    case 'stopped':
      return `STOPPED without a closing checkpoint: a crash, or its end was cut; ${after}`;
    case 'archived':
      return 'archived';
  }
}

const problemLine = (p: Problem): string =>
  `      ${p.kind} at seq ${p.seq}${p.recordId === null ? '' : `, record ${p.recordId}`}: ${p.detail}`;

/** The cross-check of requests and releases, and the witness, after the chains. */
function summaryLines(report: AuditLogReport): string[] {
  const c = report.crossCheck;
  const lines = [
    `Releases: ${c.receipts} receipt(s) of ${c.requests} request record(s) checked` +
      (c.archived > 0 ? ` (${c.archived} archived since)` : '') +
      `; ${c.notDelivered} release(s) not delivered to the partner; ${c.unmatched.length} without a request record that accounts for them` +
      (c.inFlight > 0 ? `, ${c.inFlight} more of the last minute (requests still being answered)` : '') +
      '.',
  ];
  const reasons: Record<string, string> = {
    'gateway-stopped': 'no request record; a gateway stopped without closing then (a crash)',
    'request-not-recorded': 'no request record, and no gateway stopped then: its write failed, or it was removed',
    'not-listed': 'its request lists neither its receipt nor its call as not delivered',
  };
  for (const u of c.unmatched.slice(0, 20)) lines.push(`      ${u.id} (${u.chain} seq ${u.seq}, ${u.at}): ${reasons[u.reason]}`);
  if (c.unmatched.length > 20) lines.push(`      … and ${c.unmatched.length - 20} more (--json lists them all)`);
  if (report.witness === null)
    lines.push('Witness: none read: a chain removed whole from the database, with its checkpoints, would go unseen.');
  else {
    lines.push(`Witness: ${report.witness.checkpoints} checkpoint(s) read from ${report.witness.files.join(', ')}.`);
    for (const line of report.witness.unreadable) lines.push(`      unreadable line ${line}`);
  }
  return lines;
}

async function verify(client: MongoClient, opts: Options, quiet: boolean): Promise<boolean> {
  const report = await verifyAuditLog({
    db: client.db(opts.database),
    publicKeys: auditPublicKeysFromEnv(),
    retentionDays: opts.retentionDays,
    ...(opts.witnessFiles ? { witnessFiles: opts.witnessFiles } : {}),
    checkpointIntervalMs: auditCheckpointIntervalMsFromEnv(),
    onProgress: ({ chain }) => {
      if (quiet) return;
      print(chainLine(chain));
      chain.problems.forEach((p) => print(problemLine(p)));
    },
  });
  if (opts.json) print(JSON.stringify(report, null, 2));
  else {
    const crossProblems = report.problems.filter((p) => p.kind === 'release-missing' || p.kind === 'release-mismatch');
    crossProblems.forEach((p) => print(`FAIL  ${problemLine(p).trimStart()}`));
    print('');
    summaryLines(report).forEach((line) => print(line));
    const records = report.chains.reduce((sum, c) => sum + c.records, 0);
    const failing = new Set(report.problems.map((p) => p.chain)).size;
    print(
      `\n${report.chains.length} chains, ${records} records, ${report.unsigned} not yet covered by a checkpoint: ` +
        (report.ok ? 'all verify.' : `${report.problems.length} problem(s) in ${failing} chain(s).`),
    );
  }
  return report.ok;
}

function archiveLine(c: ChainArchive): string | undefined {
  if (c.removedWhole)
    return `gone  ${c.chain}  every record past retention: ${c.removedRecords} records, ${c.removedCheckpoints} checkpoints`;
  if (c.cutSeq !== null)
    return (
      `cut   ${c.chain}  through seq ${c.cutSeq}: ${c.removedRecords} records, ${c.removedCheckpoints} checkpoints` +
      (c.expiredKept > 0 ? `; ${c.expiredKept} expired records kept` : '')
    );
  if (c.expiredKept > 0) return `keep  ${c.chain}  ${c.expiredKept} expired records kept: ${c.note}`;
  return undefined;
}

async function archive(client: MongoClient, opts: Options): Promise<boolean> {
  if (!(await verify(client, opts, true))) {
    print('The audit trail does not verify (npm run audit -- verify says where); nothing was archived.');
    return false;
  }
  const report = await archiveExpired({
    db: client.db(opts.database),
    retentionDays: opts.retentionDays,
    publicKeys: auditPublicKeysFromEnv(),
    dryRun: opts.dryRun,
    ...(opts.witnessFiles ? { witnessFiles: opts.witnessFiles } : {}),
    onProgress: (c) => {
      const line = archiveLine(c);
      if (line) print(line);
    },
  });
  print(
    `\nRetention ${opts.retentionDays} days (records before ${report.cutoff}): ` +
      `${opts.dryRun ? 'would remove' : 'removed'} ${report.removedRecords} records, ${report.removedCheckpoints} checkpoints ` +
      `and ${report.removedDocuments} query texts (${report.documentsKept} past retention kept: still named by a remaining record).`,
  );
  return true;
}

async function main(): Promise<number> {
  // export reads through the gateway, not the database: its options are its own.
  if (process.argv[2] === 'export') return runExport(process.argv.slice(3));
  let opts;
  try {
    opts = options();
  } catch (error) {
    // A bad AUDIT_RETENTION_DAYS lands here too: any mistake in how the command was called.
    process.stderr.write(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (opts.command === 'help') {
    process.stdout.write(usage);
    return 0;
  }
  if (opts.command === 'keygen') {
    for (const [name, value] of Object.entries(auditKeyPairToEnv(generateAuditKeyPair()))) print(`${name}='${value}'`);
    process.stderr.write('AUDIT_SIGNING_KEY goes to one writer only; add the public key to AUDIT_PUBLIC_KEYS wherever verify runs.\n');
    return 0;
  }
  let client: MongoClient | undefined;
  try {
    auditPublicKeysFromEnv(); // before connecting: a configuration error should not wait for a server
    client = await connectMongo(mongoUri(), 'crossroads-audit');
    const ok = opts.command === 'verify' ? await verify(client, opts, opts.json) : await archive(client, opts);
    return ok ? 0 : 1;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  } finally {
    await client?.close();
  }
}

process.exitCode = await main();
