// `npm run -s audit -- export (--partner ID | --person SSIN) --from DAY --to DAY [...]`: the security
// officer's view of the audit trail as JSON Lines, one AuditedRequest a line, read page by page through
// the gateway, so that the export is authorized and recorded like any other reading of the trail.
import { parseArgs } from 'node:util';
import { GATEWAY_AUDIENCE } from '../../auth/audiences.js';
import { PURPOSE_HEADER } from '../../auth/checkPurpose.js';
import { PARTNERS_FILE, readDevPrivateKey } from '../../auth/devKeys.js';
import { mintPartnerToken } from '../../auth/mintPartnerToken.js';
import { readPartnerIssuer } from '../../auth/readPartnerIssuer.js';
import { isIsoCalendarDate } from '../../scalars/date.js';

export const exportUsage = `npm run -s audit -- export (--partner ID | --person SSIN) --from YYYY-MM-DD --to YYYY-MM-DD [options]

Writes every request of a partner, or every request that released data about a
person, between two Belgian days (both included) to stdout, one JSON object a
line, oldest first. It asks the gateway as the security officer, with purpose
SECURITY_AUDIT: the export is checked against ISC/24/060 and recorded.
  --gateway URL     default http://localhost:4000/graphql
  --token TOKEN     the security officer's bearer token; default a development
                    token for security-officer, minted from dev-keys/
  --page-size N     requests per call, 1 to 1000; default 1000
A range longer than the query allows (31 days for a partner, 3,660 for a
person) is refused: export it in parts. On a refusal or error it prints the
error's code and message to stderr and exits 1 (what was written before stays
written); 2 when it could not run at all.
`;

const SECURITY_OFFICER = 'security-officer';
const SECURITY_AUDIT = 'SECURITY_AUDIT';
const REQUEST_FIELDS = `requestId at partner endUser purpose authorizations operationName documentHash outcome code durationMs
  named lookedUp releases { source call at persons fields delivered } undelivered { source call reason }`;
const QUERIES = {
  partner: `query AuditExportOfPartner($key: ID!, $from: Date!, $to: Date!, $first: Int, $after: String) {
  auditLogOfPartner(partner: $key, from: $from, to: $to, first: $first, after: $after) { requests { ${REQUEST_FIELDS} } nextCursor }
}`,
  person: `query AuditExportOfPerson($key: SSIN!, $from: Date!, $to: Date!, $first: Int, $after: String) {
  auditLogOfPerson(ssin: $key, from: $from, to: $to, first: $first, after: $after) { requests { ${REQUEST_FIELDS} } nextCursor }
}`,
} as const;

export interface ExportOptions {
  by: 'partner' | 'person';
  key: string;
  from: string;
  to: string;
  gateway: string;
  /** A fixed token; absent: a fresh development token for every page (an export may outlast one). */
  token?: string;
  pageSize: number;
}

export class ExportUsageError extends Error {}

/** A refusal or error the gateway answered with: the export stops there. */
export class ExportRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function parseExportArgs(args: string[]): ExportOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        partner: { type: 'string' },
        person: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        gateway: { type: 'string', default: 'http://localhost:4000/graphql' },
        token: { type: 'string' },
        'page-size': { type: 'string', default: '1000' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new ExportUsageError((error as Error).message);
  }
  const { values } = parsed;
  if (values.help) return 'help';
  if ((values.partner === undefined) === (values.person === undefined))
    throw new ExportUsageError('Give either --partner ID or --person SSIN.');
  for (const name of ['from', 'to'] as const) {
    const day = values[name];
    if (day === undefined || !isIsoCalendarDate(day)) throw new ExportUsageError(`--${name} takes a day, YYYY-MM-DD.`);
  }
  const pageSize = Number(values['page-size']);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000)
    throw new ExportUsageError('--page-size takes a whole number from 1 to 1000.');
  return {
    by: values.partner !== undefined ? 'partner' : 'person',
    key: (values.partner ?? values.person)!,
    from: values.from!,
    to: values.to!,
    gateway: values.gateway,
    ...(values.token !== undefined ? { token: values.token } : {}),
    pageSize,
  };
}

async function bearer(options: ExportOptions): Promise<string> {
  if (options.token !== undefined) return options.token;
  return mintPartnerToken({
    privateJwk: readDevPrivateKey(SECURITY_OFFICER),
    partnerId: SECURITY_OFFICER,
    issuer: readPartnerIssuer(PARTNERS_FILE, SECURITY_OFFICER),
    audience: GATEWAY_AUDIENCE,
    ttlSeconds: 300,
  });
}

interface PageBody {
  data?: Record<string, { requests: unknown[]; nextCursor: string | null } | null> | null;
  errors?: { message?: string; extensions?: { code?: string } }[];
}

/**
 * Reads every page and hands each request to `write`, in order. Resolves with
 * the number of requests written; rejects with ExportRefused on the first
 * GraphQL error (nothing after it is written).
 */
export async function exportAuditLog(options: ExportOptions, write: (line: string) => Promise<void>): Promise<number> {
  const field = options.by === 'partner' ? 'auditLogOfPartner' : 'auditLogOfPerson';
  let after: string | null = null;
  let written = 0;
  do {
    const response = await fetch(options.gateway, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await bearer(options)}`,
        [PURPOSE_HEADER]: SECURITY_AUDIT,
      },
      body: JSON.stringify({
        query: QUERIES[options.by],
        variables: { key: options.key, from: options.from, to: options.to, first: options.pageSize, after },
      }),
    });
    const body = (await response.json().catch(() => ({}))) as PageBody;
    const error = body.errors?.[0];
    const page = body.data?.[field];
    if (error || !page) {
      throw new ExportRefused(
        error?.extensions?.code ?? `HTTP_${response.status}`,
        error?.message ?? 'The gateway did not answer with a page.',
      );
    }
    for (const request of page.requests) await write(`${JSON.stringify(request)}\n`);
    written += page.requests.length;
    after = page.nextCursor;
  } while (after !== null);
  return written;
}

/** Writes to stdout, waiting when the reader is slower than the gateway. */
function writeStdout(line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (process.stdout.write(line)) resolve();
    else process.stdout.once('drain', resolve).once('error', reject);
  });
}

/** The `export` command: its exit status. */
export async function runExport(args: string[]): Promise<number> {
  let options;
  try {
    options = parseExportArgs(args);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${exportUsage}`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(exportUsage);
    return 0;
  }
  try {
    const count = await exportAuditLog(options, writeStdout);
    process.stderr.write(`${count} request(s) exported.\n`);
    return 0;
  } catch (error) {
    if (error instanceof ExportRefused) {
      process.stderr.write(`${error.code}: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`The export could not run: ${(error as Error).message}\n`);
    return 2;
  }
}
