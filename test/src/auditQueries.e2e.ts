import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { AUDIT_DATABASE, auditCollections, todayInBelgium, type AuditRecord } from '@crossroads/shared';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { allPages, partnerLogQuery, personLogQuery, securityOfficer, type AuditedRequest } from './helpers/auditQueries.js';
import { graphqlRequest } from './helpers/graphqlRequest.js';
import { capacBenefit, partnerHeaders } from './helpers/partnerHeaders.js';
import { referencePersons } from './helpers/referencePersons.js';
import { settleLogs, sourcesThatServed } from './helpers/serviceLog.js';

const { gatewayUrl, mongoUri, serviceLog } = inject('stack');
const today = todayInBelgium();
const claimant = referencePersons.unemployedBetweenJobs;
/** Only this suite asks about this person, so their log holds exactly what it made. */
const paged = referencePersons.crossBorderWorker;
const claimQuery = 'query Claim($ssin: SSIN!) { person(ssin: $ssin) { name { lastName } employments { startDate } } }';

let client: MongoClient;
/** The requests capac made in beforeAll, by person. */
const capacRequests: Record<string, string> = {};
const pagedRequests: string[] = [];
/** famiwal's refused request about the claimant. */
let refusedRequest: string;

async function recordsOf(requestId: string): Promise<AuditRecord[]> {
  return client.db(AUDIT_DATABASE).collection<AuditRecord>(auditCollections.records).find({ requestId }).toArray();
}

/** What the officer must see of a request: its records as stored, in the schema's shape. */
async function storedView(requestId: string): Promise<AuditedRequest> {
  const records = await recordsOf(requestId);
  const request = records.find((r) => r.kind === 'request');
  if (request?.kind !== 'request') throw new Error(`no request record for ${requestId}`);
  const releases = records
    .flatMap((r) => (r.kind === 'release' ? [r] : []))
    .sort((a, b) => a.at.localeCompare(b.at) || a.source.localeCompare(b.source));
  const named = request.ssins ?? [];
  const released = new Set(releases.flatMap((r) => r.ssins));
  return {
    requestId,
    at: request.at,
    partner: request.partnerId,
    endUser: request.endUser,
    purpose: request.purpose,
    authorizations: request.authorizationIds,
    operationName: request.operationName,
    documentHash: request.documentHash,
    outcome: request.outcome.toUpperCase() as AuditedRequest['outcome'],
    code: request.code,
    durationMs: request.durationMs,
    named,
    lookedUp: named.filter((ssin) => !released.has(ssin)),
    releases: releases.map((r) => ({
      source: r.source,
      call: r.call ?? 1,
      at: r.at,
      persons: r.ssins,
      fields: r.fields,
      // Delivered: the gateway's record lists the release's receipt, and the request was answered.
      delivered:
        request.outcome === 'answered' && (request.receipts ?? []).some((receipt) => receipt.id === r._id && receipt.hash === r.hash),
    })),
    undelivered: (request.undelivered ?? []).map((u) => ({
      source: u.source,
      call: u.call,
      reason: u.reason.toUpperCase().replace('-', '_') as AuditedRequest['undelivered'][number]['reason'],
    })),
  };
}

async function asOfficer(query: string, variables: Record<string, unknown>) {
  return graphqlRequest(gatewayUrl, query, variables, await securityOfficer());
}

beforeAll(async () => {
  client = await new MongoClient(mongoUri).connect();
  for (const ssin of [claimant, referencePersons.student, referencePersons.deceased]) {
    const { status, requestId } = await graphqlRequest(
      gatewayUrl,
      claimQuery,
      { ssin },
      { ...(await capacBenefit()), 'x-end-user': 'agent-17' },
    );
    expect(status).toBe(200);
    capacRequests[ssin] = requestId!;
  }
  // Three requests about one person by two partners, the family-allowance fund's refused (it may not read
  // employments under ISC/24/022), so releasing nothing; then one more refusal for that fund.
  for (const headers of [await capacBenefit(), await partnerHeaders('famiwal', 'FAMILY_ALLOWANCE'), await capacBenefit()]) {
    const { requestId } = await graphqlRequest(gatewayUrl, claimQuery, { ssin: paged }, headers);
    pagedRequests.push(requestId!);
  }
  const refused = await graphqlRequest(gatewayUrl, claimQuery, { ssin: claimant }, await partnerHeaders('famiwal', 'FAMILY_ALLOWANCE'));
  expect(refused.status).toBe(403);
  refusedRequest = refused.requestId!;
});
afterAll(() => client?.close());

describe("the security officer's view of the audit trail", () => {
  it('lists a partner’s requests of the day, each as stored, with what every source released', async () => {
    const { requests } = await allPages(gatewayUrl, partnerLogQuery, 'auditLogOfPartner', {
      partner: 'capac',
      from: today,
      to: today,
      first: 1000,
    });
    for (const [ssin, requestId] of Object.entries(capacRequests)) {
      const listed = requests.find((r) => r.requestId === requestId);
      expect(listed).toEqual(await storedView(requestId));
      expect(listed).toMatchObject({ partner: 'capac', endUser: 'agent-17', outcome: 'ANSWERED', authorizations: ['ISC/24/017'] });
      expect(listed!.releases.map((r) => [r.source, r.persons])).toEqual(
        expect.arrayContaining([
          ['employment', [ssin]],
          ['persons', [ssin]],
        ]),
      );
    }
    expect(requests.every((r) => r.partner === 'capac')).toBe(true);
    expect(new Set(requests.map((r) => r.requestId)).size).toBe(requests.length);
    // Oldest first: the three were made one after the other.
    const positions = Object.values(capacRequests).map((id) => requests.findIndex((r) => r.requestId === id));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('lists the requests that released data about a person, with the releases that named them, and those that named them', async () => {
    const { requests } = await allPages(gatewayUrl, personLogQuery, 'auditLogOfPerson', { ssin: claimant, from: today, to: today });
    const listed = requests.find((r) => r.requestId === capacRequests[claimant]);
    expect(listed).toEqual(await storedView(capacRequests[claimant]!));
    expect(listed).toMatchObject({ named: [claimant], lookedUp: [], undelivered: [] });
    expect(listed!.releases.every((r) => r.delivered)).toBe(true);
    for (const request of requests) {
      // Each either released data about the person, or named them (a lookup, or a refused request).
      expect(request.releases.length > 0 || request.lookedUp.includes(claimant)).toBe(true);
      for (const release of request.releases) expect(release.persons).toContain(claimant);
    }
    // famiwal's refused request named the claimant: the officer sees the attempt, as a lookup that released nothing.
    expect(requests.find((r) => r.requestId === refusedRequest)).toMatchObject({
      partner: 'famiwal',
      outcome: 'REFUSED',
      code: 'FORBIDDEN',
      named: [claimant],
      lookedUp: [claimant],
      releases: [],
    });
  });

  it('pages one request at a time through a partner and a person, each once, as of the first page, in the order of one big page', async () => {
    for (const [query, field, variables] of [
      [personLogQuery, 'auditLogOfPerson', { ssin: paged, from: today, to: today }],
      [partnerLogQuery, 'auditLogOfPartner', { partner: 'famiwal', from: today, to: today }],
    ] as const) {
      const whole = await allPages(gatewayUrl, query, field, { ...variables, first: 1000 });
      const oneByOne = await allPages(gatewayUrl, query, field, { ...variables, first: 1 });
      const ids = oneByOne.requests.map((r) => r.requestId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(oneByOne.pages).toBe(ids.length);
      expect(whole.pages).toBe(1);
      // Reading a person's log adds to it (the officer's reads are releases about them): a walk lists the
      // trail as of its first page, so it ends, and none of its own reads is in it.
      expect(ids.filter((id) => oneByOne.readBy.includes(id))).toEqual([]);
      const partnersOwn = (requests: AuditedRequest[]) => requests.filter((r) => r.partner !== 'security-officer').map((r) => r.requestId);
      expect(partnersOwn(oneByOne.requests)).toEqual(partnersOwn(whole.requests));
      expect(partnersOwn(whole.requests).length).toBeGreaterThanOrEqual(2);
    }
    const { requests } = await allPages(gatewayUrl, personLogQuery, 'auditLogOfPerson', { ssin: paged, from: today, to: today, first: 1 });
    // The refused request released nothing about the person, but it named them: it is in their log, as a lookup.
    expect(requests.map((r) => r.requestId)).toEqual(expect.arrayContaining(pagedRequests));
    expect(requests.find((r) => r.requestId === pagedRequests[1])).toMatchObject({ outcome: 'REFUSED', lookedUp: [paged], releases: [] });
  });

  it('exports the same requests as JSON Lines through the gateway with npm run audit -- export', async () => {
    const { requests } = await allPages(gatewayUrl, partnerLogQuery, 'auditLogOfPartner', { partner: 'famiwal', from: today, to: today });
    const { status, stdout, stderr } = await runAuditCli(
      'export',
      '--partner',
      'famiwal',
      '--from',
      today,
      '--to',
      today,
      '--gateway',
      gatewayUrl,
      '--page-size',
      '1',
    );
    expect(stderr).toBe(`${requests.length} request(s) exported.\n`);
    expect(status).toBe(0);
    const lines = stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(requests);
  });

  it('the export stops with the error’s code and message on stderr and a non-zero status', async () => {
    const { status, stdout, stderr } = await runAuditCli(
      'export',
      '--person',
      paged,
      '--from',
      today,
      '--to',
      '2020-01-01',
      '--gateway',
      gatewayUrl,
    );
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^TIME_RANGE_REVERSED: auditLogOfPerson: `to` \(2020-01-01\) is before `from` \(\d{4}-\d{2}-\d{2}\)/);
    expect(status).toBe(1);
  });

  it('reading the trail is itself recorded: a release by source audit naming the persons it showed', async () => {
    const { status, requestId, body } = await asOfficer(personLogQuery, { ssin: claimant, from: today, to: today });
    expect(status).toBe(200);
    const shown = (body.data!.auditLogOfPerson as { requests: AuditedRequest[] }).requests.flatMap((r) => [
      ...r.named,
      ...r.releases.flatMap((x) => x.persons),
    ]);
    const records = await recordsOf(requestId!);
    expect(records.find((r) => r.kind === 'release')).toEqual(
      expect.objectContaining({
        _id: `release:${requestId}:audit`,
        source: 'audit',
        partnerId: 'security-officer',
        purpose: 'SECURITY_AUDIT',
        authorizationIds: ['ISC/24/060'],
        ssins: [...new Set(shown)].sort(),
        fields: expect.arrayContaining(['Query.auditLogOfPerson', 'AuditedRelease.persons']),
      }),
    );
    expect(records.find((r) => r.kind === 'request')).toEqual(
      expect.objectContaining({ partnerId: 'security-officer', outcome: 'answered' }),
    );
    // And so it shows in the person's log.
    const { requests } = await allPages(gatewayUrl, personLogQuery, 'auditLogOfPerson', { ssin: claimant, from: today, to: today });
    expect(requests.find((r) => r.requestId === requestId)).toMatchObject({
      partner: 'security-officer',
      purpose: 'SECURITY_AUDIT',
      named: [claimant],
      releases: [{ source: 'audit', persons: expect.arrayContaining([claimant]), delivered: true }],
    });
  });
});

describe('refusals', () => {
  async function refusalOf(query: string, variables: Record<string, unknown>, field: string) {
    const { body } = await asOfficer(query, variables);
    expect(body.data).toBeNull();
    expect(body.errors).toHaveLength(1);
    const [error] = body.errors!;
    expect(error).toMatchObject({ path: [field] });
    return { code: (error!.extensions as { code: string }).code, message: error!.message as string };
  }

  it('a reversed range: TIME_RANGE_REVERSED', async () => {
    expect(await refusalOf(partnerLogQuery, { partner: 'capac', from: today, to: '2020-01-01' }, 'auditLogOfPartner')).toEqual({
      code: 'TIME_RANGE_REVERSED',
      message: `auditLogOfPartner: \`to\` (2020-01-01) is before \`from\` (${today}); give the earlier Belgian day as \`from\`. Both days are included.`,
    });
  });

  it('a range longer than the query allows: TIME_RANGE_TOO_LONG, naming the limit', async () => {
    expect(await refusalOf(partnerLogQuery, { partner: 'capac', from: '2026-01-01', to: '2026-02-01' }, 'auditLogOfPartner')).toEqual({
      code: 'TIME_RANGE_TOO_LONG',
      message:
        'auditLogOfPartner covers at most 31 days, both ends included; 2026-01-01 to 2026-02-01 is 32 days. Ask for shorter ranges one after the other.',
    });
    expect((await refusalOf(personLogQuery, { ssin: claimant, from: '2010-01-01', to: '2026-01-01' }, 'auditLogOfPerson')).code).toBe(
      'TIME_RANGE_TOO_LONG',
    );
  });

  it('a cursor that was altered, or belongs to another query: INVALID_CURSOR', async () => {
    const first = await asOfficer(personLogQuery, { ssin: paged, from: today, to: today, first: 1 });
    const cursor = (first.body.data!.auditLogOfPerson as { nextCursor: string }).nextCursor;
    expect(cursor).toEqual(expect.any(String));
    const altered = cursor.slice(0, 8) + (cursor[8] === 'x' ? 'y' : 'x') + cursor.slice(9);
    for (const [query, field, variables] of [
      [personLogQuery, 'auditLogOfPerson', { ssin: paged, from: today, to: today, after: altered }],
      [personLogQuery, 'auditLogOfPerson', { ssin: claimant, from: today, to: today, after: cursor }],
      [partnerLogQuery, 'auditLogOfPartner', { partner: 'capac', from: today, to: today, after: cursor }],
      [partnerLogQuery, 'auditLogOfPartner', { partner: 'capac', from: today, to: today, after: 'garbage' }],
    ] as const) {
      expect((await refusalOf(query, variables, field)).code).toBe('INVALID_CURSOR');
    }
  });

  it('first outside 1..1,000: PAGE_SIZE_OUT_OF_RANGE', async () => {
    for (const first of [0, 1001]) {
      expect(await refusalOf(partnerLogQuery, { partner: 'capac', from: today, to: today, first }, 'auditLogOfPartner')).toEqual({
        code: 'PAGE_SIZE_OUT_OF_RANGE',
        message: `\`first\` must be from 1 to 1,000; got ${first}.`,
      });
    }
  });

  it('answers a refusal of the audit source with the HTTP status of its code', async () => {
    // The gateway sets it from the code (gateway/src/refusalHttpStatus.ts): a subgraph's status does not reach the partner.
    const reversed = await asOfficer(partnerLogQuery, { partner: 'capac', from: today, to: '2020-01-01' });
    expect(reversed.status).toBe(400);
    const badCursor = await asOfficer(personLogQuery, { ssin: claimant, from: today, to: today, after: 'garbage' });
    expect(badCursor.status).toBe(400);
  });

  it('a partner without the audit role: AUDIT_ROLE_REQUIRED (HTTP 403), and no source is called', async () => {
    const { status, body, requestId } = await graphqlRequest(
      gatewayUrl,
      '{ auditLogOfPartner(partner: "famiwal", from: "2026-11-01", to: "2026-11-02") { requests { requestId } } }',
      undefined,
      await capacBenefit(),
    );
    expect(status).toBe(403);
    expect(body).toEqual({
      errors: [
        {
          message:
            'Reading the audit trail needs the audit role, which the Information Security Committee grants by authorization to the ' +
            'information security officer alone, for purpose SECURITY_AUDIT. Partner capac with purpose UNEMPLOYMENT_BENEFIT is not ' +
            'covered for AuditRequestPage.requests, AuditedRequest.requestId, Query.auditLogOfPartner; nothing was read.',
          extensions: {
            code: 'AUDIT_ROLE_REQUIRED',
            uncovered: ['AuditRequestPage.requests', 'AuditedRequest.requestId', 'Query.auditLogOfPartner'],
          },
        },
      ],
    });
    await settleLogs();
    expect(sourcesThatServed(serviceLog, requestId!)).toEqual([]);
    expect(await recordsOf(requestId!)).toEqual([
      expect.objectContaining({ kind: 'request', partnerId: 'capac', outcome: 'refused', code: 'AUDIT_ROLE_REQUIRED' }),
    ]);
  });
});

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

async function runAuditCli(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'shared/src/audit/cli/audit.ts', ...args], {
      cwd: repoRoot,
    });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { status: code, stdout, stderr };
  }
}
