import { collections } from '@crossroads/db';
import {
  AUDIT_DATABASE,
  DIRECTORY_DATABASE,
  auditCollections,
  directoryCollections,
  formatSsin,
  todayInBelgium,
  type AuditRecord,
  type DirectoryEntryDoc,
} from '@crossroads/shared';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { follow, followingPartners } from './helpers/followers.js';
import { graphqlRequest, type GraphQLResponse } from './helpers/graphqlRequest.js';
import { capacBenefit, partnerHeaders } from './helpers/partnerHeaders.js';
import { citizenHeaders } from './helpers/citizens.js';
import { referencePersons } from './helpers/referencePersons.js';

const { gatewayUrl, mongoUri } = inject('stack');
const capacPartner = followingPartners[0];
let client: MongoClient;
let capac: Record<string, string>;

const entries = () => client.db(DIRECTORY_DATABASE).collection<DirectoryEntryDoc>(directoryCollections.entries);
const records = () => client.db(AUDIT_DATABASE).collection<AuditRecord>(auditCollections.records);
const recordsOf = (requestId: string) => records().find({ requestId }).toArray();
const today = todayInBelgium();
const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** Seeded persons the suites do not single out: this suite ends capac's files on them. */
let ordinary: string[];

beforeAll(async () => {
  client = await new MongoClient(mongoUri).connect();
  capac = await capacBenefit();
  const reference = new Set<string>(Object.values(referencePersons));
  ordinary = (
    await client
      .db(collections.persons.database)
      .collection(collections.persons.name)
      .find({}, { projection: { _id: 1 } })
      .limit(60)
      .toArray()
  )
    .map((d) => String(d._id))
    .filter((ssin) => !reference.has(ssin))
    .slice(-20);
});
afterAll(async () => {
  // Give the other suites back what they count on: capac follows every seeded person.
  if (ordinary) await follow(gatewayUrl, capacPartner, ordinary);
  await client?.close();
});

const NAME = 'query ($ssin: SSIN!) { person(ssin: $ssin) { name { lastName } } }';
const readAs = (headers: Record<string, string>, ssin: string) => graphqlRequest(gatewayUrl, NAME, { ssin }, headers);
const unfollow = (ssin: string, lastDay: string, headers = capac) =>
  graphqlRequest(
    gatewayUrl,
    'mutation ($ssin: SSIN!, $day: Date!) { unfollow(ssin: $ssin, capacity: "UNEMPLOYMENT_FILE", lastDay: $day) { ssin status periods { from until } } }',
    { ssin, day: lastDay },
    headers,
  );

/** What a partner sees of a refusal, without the request id: it must not depend on whether the person exists. */
const seen = (response: GraphQLResponse) => ({ status: response.status, body: response.body });

describe('scope followed: a partner reads only the persons it follows, today, in a capacity its authorization names', () => {
  it('reads a person it follows', async () => {
    const response = await readAs(capac, referencePersons.unemployedBetweenJobs);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { person: { name: { lastName: 'De Clercq' } } } });
  });

  it('gets one and the same refusal for a person it does not follow, whether or not that person exists', async () => {
    const [existing] = ordinary;
    expect((await unfollow(existing!, dayBefore(today))).body.data).toEqual({
      unfollow: expect.objectContaining({ ssin: existing, status: 'ENDED' }),
    });
    const nobody = formatSsin({ birthDate: '1951-01-01', serial: 997 });
    const refusedExisting = await readAs(capac, existing!);
    const refusedNobody = await readAs(capac, nobody);
    expect(seen(refusedExisting)).toEqual(seen(refusedNobody));
    expect(refusedExisting.status).toBe(403);
    expect(refusedExisting.body).toEqual({
      errors: [
        {
          message:
            'Partner capac does not follow the person this request reads, today, in a capacity its authorizations for purpose UNEMPLOYMENT_BENEFIT require (reference directory); nothing was read.',
          extensions: { code: 'PERSON_NOT_FOLLOWED' },
        },
      ],
    });
    // No source was read, and the refusal is on record, naming the person it was about.
    for (const response of [refusedExisting, refusedNobody]) {
      const own = await recordsOf(response.requestId!);
      expect(own.filter((r) => r.kind === 'release')).toEqual([]);
      expect(own.find((r) => r.kind === 'request')).toMatchObject({ outcome: 'refused', code: 'PERSON_NOT_FOLLOWED' });
    }
    expect((await recordsOf(refusedExisting.requestId!)).find((r) => r.kind === 'request')).toMatchObject({ ssins: [existing] });
  });

  it('refuses the whole of a persons call as soon as one of its persons is not followed, with one directory query', async () => {
    const [, notFollowed] = ordinary;
    await unfollow(notFollowed!, dayBefore(today));
    const followed = [referencePersons.unemployedBetweenJobs, referencePersons.deceased];
    const response = await graphqlRequest(
      gatewayUrl,
      'query ($s: [SSIN!]!) { persons(ssins: $s) { ssin name { lastName } } }',
      { s: [...followed, notFollowed] },
      capac,
    );
    expect(response.status).toBe(403);
    expect(response.body.errors?.[0]).toMatchObject({
      extensions: { code: 'PERSON_NOT_FOLLOWED' },
      message: expect.stringContaining('1 of the 3 persons'),
    });
    const allowed = await graphqlRequest(gatewayUrl, 'query ($s: [SSIN!]!) { persons(ssins: $s) { ssin } }', { s: followed }, capac);
    expect(allowed.body).toEqual({ data: { persons: followed.map((ssin) => ({ ssin })) } });
  });

  it('still reads a person on the last day of the file, and no longer the day after', async () => {
    const [, , person] = ordinary;
    expect((await unfollow(person!, today)).body.data).toMatchObject({ unfollow: { status: 'ENDED', periods: [{ until: today }] } });
    expect((await readAs(capac, person!)).status).toBe(200);
    // The file ends a day earlier: today is the day after its end.
    expect((await unfollow(person!, dayBefore(today))).body.data).toMatchObject({ unfollow: { status: 'ENDED' } });
    expect((await readAs(capac, person!)).body.errors?.[0]?.extensions).toEqual({ code: 'PERSON_NOT_FOLLOWED' });
  });

  it("counts only the authorization's capacity: a file in another capacity does not open the person", async () => {
    const sfpd = await partnerHeaders('sfpd', 'PENSION_CALCULATION');
    const [, , , person] = ordinary;
    await unfollow(person!, dayBefore(today));
    // sfpd follows the person as a pension file: that is sfpd's file, not capac's.
    expect((await readAs(sfpd, person!)).status).toBe(200);
    expect((await readAs(capac, person!)).status).toBe(403);
  });
});

describe('registering whom a partner follows', () => {
  it('registers a batch of 10,000 in one call, reporting each SSIN: invalid ones, duplicates and overlaps, nothing half-written', async () => {
    const fresh = Array.from({ length: 9_990 }, (_, i) =>
      formatSsin({
        birthDate: `19${30 + (i % 40)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
        serial: 1 + ((i * 13) % 997),
      }),
    );
    const unique = [...new Set(fresh)];
    const already = referencePersons.unemployedBetweenJobs; // followed since 2024-01-01, open
    const batch = [
      ...fresh,
      '12345678901',
      'not an ssin',
      already,
      fresh[0]!,
      fresh[1]!,
      '85.07.30-033.28',
      fresh[2]!,
      '00000000000',
      fresh[3]!,
      fresh[4]!,
    ];
    expect(batch).toHaveLength(10_000);
    // A generated SSIN may be a seeded person's, which capac follows already: those are UNCHANGED.
    const followedAlready = await entries().countDocuments({ _id: { $in: unique.map((s) => `capac|${s}|UNEMPLOYMENT_FILE`) } });
    const response = await graphqlRequest(
      gatewayUrl,
      `mutation ($s: [String!]!) { followMany(capacity: "UNEMPLOYMENT_FILE", from: "2026-01-01", ssins: $s) {
        total created extended unchanged invalid duplicates outcomes { ssin status rule periods { from until } } } }`,
      { s: batch },
      capac,
    );
    expect(response.status).toBe(200);
    const result = (
      response.body.data as { followMany: Record<string, number> & { outcomes: { ssin: string; status: string; rule: string | null }[] } }
    ).followMany;
    const duplicatesInFresh = fresh.length - unique.length;
    expect(result).toMatchObject({
      total: 10_000,
      created: unique.length - followedAlready,
      unchanged: 1 + followedAlready,
      invalid: 3,
      duplicates: duplicatesInFresh + 6,
    });
    expect(result.outcomes).toHaveLength(10_000);
    expect(result.outcomes[9_990]).toEqual(
      expect.objectContaining({ ssin: '12345678901', status: 'INVALID_SSIN', rule: 'SSIN_CHECK_DIGITS' }),
    );
    expect(result.outcomes[9_991]).toEqual(expect.objectContaining({ status: 'INVALID_SSIN', rule: 'SSIN_FORMAT' }));
    expect(result.outcomes[9_992]).toEqual(expect.objectContaining({ ssin: already, status: 'UNCHANGED' }));
    expect(result.outcomes[9_993]).toEqual(expect.objectContaining({ ssin: fresh[0], status: 'DUPLICATE' }));
    expect(result.outcomes[9_995]).toEqual(expect.objectContaining({ ssin: already, status: 'DUPLICATE' }));

    // What the store holds is exactly what was reported: one entry per created SSIN, with its period, nothing for the rest.
    const stored = await entries()
      .find({ _id: { $in: unique.map((s) => `capac|${s}|UNEMPLOYMENT_FILE`) } })
      .toArray();
    expect(stored).toHaveLength(unique.length);
    const created = stored.filter((e) => e.periods[0]!.from === '2026-01-01');
    expect(created).toHaveLength(unique.length - followedAlready);
    for (const entry of created)
      expect(entry.periods).toEqual([expect.objectContaining({ from: '2026-01-01', until: null, recordedBy: 'capac' })]);
    expect(await entries().countDocuments({ _id: 'capac|12345678901|UNEMPLOYMENT_FILE' })).toBe(0);

    // Sent again (a retry after a timeout, say): nothing changes, nothing is duplicated.
    const again = await graphqlRequest(
      gatewayUrl,
      'mutation ($s: [String!]!) { followMany(capacity: "UNEMPLOYMENT_FILE", from: "2026-01-01", ssins: $s) { created unchanged } }',
      { s: unique },
      capac,
    );
    expect(again.body.data).toEqual({ followMany: { created: 0, unchanged: unique.length } });

    // A period that overlaps is merged, never stored beside it.
    const overlap = await graphqlRequest(
      gatewayUrl,
      'mutation ($s: [String!]!) { followMany(capacity: "UNEMPLOYMENT_FILE", from: "2025-06-01", until: "2026-03-31", ssins: $s) { extended outcomes { periods { from until } } } }',
      { s: unique.slice(0, 5) },
      capac,
    );
    expect(overlap.body.data).toEqual({
      followMany: { extended: 5, outcomes: Array.from({ length: 5 }, () => ({ periods: [{ from: expect.any(String), until: null }] })) },
    });

    // The write is on record: the directory's record of the call names every person it registered.
    const release = (await recordsOf(response.requestId!)).find((r) => r.kind === 'release');
    expect(release).toMatchObject({ source: 'directory', partnerId: 'capac', fields: expect.arrayContaining(['Mutation.followMany']) });
    expect(new Set((release as { ssins: string[] }).ssins)).toEqual(new Set([...unique, already]));
  });

  it('refuses a capacity the partner may not register, writing nothing, and records the refusal', async () => {
    const ssin = formatSsin({ birthDate: '1961-02-02', serial: 5 });
    const response = await graphqlRequest(
      gatewayUrl,
      'mutation ($ssin: SSIN!) { follow(ssin: $ssin, capacity: "PENSION_FILE", from: "2026-01-01") { status } }',
      { ssin },
      capac,
    );
    expect(response.status).toBe(403);
    expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'CAPACITY_NOT_ALLOWED' });
    expect(await entries().countDocuments({ ssin })).toBe(0);
    expect((await recordsOf(response.requestId!)).find((r) => r.kind === 'request')).toMatchObject({
      outcome: 'refused',
      code: 'CAPACITY_NOT_ALLOWED',
      ssins: [ssin],
    });
  });

  it('has no way to register for another partner: the partner is the caller', async () => {
    const response = await graphqlRequest(
      gatewayUrl,
      'mutation { follow(ssin: "85073003328", capacity: "UNEMPLOYMENT_FILE", from: "2026-01-01", partner: "sfpd") { status } }',
      undefined,
      capac,
    );
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('refuses a partner whose authorization does not grant registering, and a citizen', async () => {
    for (const headers of [
      await partnerHeaders('inspection', 'SOCIAL_INSPECTION'),
      await partnerHeaders('capac', 'UNDUE_PAYMENT_RECOVERY'),
    ]) {
      const response = await graphqlRequest(
        gatewayUrl,
        'mutation { follow(ssin: "03021415813", capacity: "UNEMPLOYMENT_FILE", from: "2026-01-01") { status } }',
        undefined,
        headers,
      );
      expect(response.status).toBe(403);
      expect(response.body.errors?.[0]?.extensions).toMatchObject({
        code: 'FORBIDDEN',
        uncovered: expect.arrayContaining(['Mutation.follow']),
      });
    }
  });

  it('lists whom the partner follows, page by page, each once', async () => {
    const seen = new Set<string>();
    let after: string | null = null;
    let pages = 0;
    do {
      const response: GraphQLResponse = await graphqlRequest(
        gatewayUrl,
        'query ($after: String) { following(capacity: "UNEMPLOYMENT_FILE", first: 1000, after: $after) { entries { ssin } nextCursor } }',
        { after },
        capac,
      );
      const page = (response.body.data as { following: { entries: { ssin: string }[]; nextCursor: string | null } }).following;
      for (const { ssin } of page.entries) {
        expect(seen.has(ssin)).toBe(false);
        seen.add(ssin);
      }
      after = page.nextCursor;
      pages++;
    } while (after && pages < 100);
    const stored = await entries().countDocuments({ partnerId: 'capac', capacity: 'UNEMPLOYMENT_FILE' });
    expect(seen.size).toBe(stored);
    expect(pages).toBeGreaterThan(10);
  });
});

describe('who holds a file on a person is itself personal data', () => {
  it('is granted to the security officer', async () => {
    const response = await graphqlRequest(
      gatewayUrl,
      'query ($ssin: SSIN!) { followedBy(ssin: $ssin) { partner { id name } capacity { code name { nl fr } } periods { from until } } }',
      { ssin: referencePersons.deceased },
      await partnerHeaders('security-officer', 'SECURITY_AUDIT'),
    );
    expect(response.status).toBe(200);
    // The seed's file of the fund that paid him until he died, and the one this run's suites opened today beside it.
    expect((response.body.data as { followedBy: unknown[] }).followedBy).toContainEqual({
      partner: { id: 'capac', name: expect.stringContaining('CAPAC') },
      capacity: { code: 'UNEMPLOYMENT_FILE', name: { nl: expect.any(String), fr: expect.any(String) } },
      periods: [
        { from: '2023-11-01', until: '2023-12-14' },
        { from: today, until: null },
      ],
    });
  });

  it('is shown to a citizen about themselves, and refused about anyone else', async () => {
    const own = await graphqlRequest(
      gatewayUrl,
      'query ($ssin: SSIN!) { followedBy(ssin: $ssin) { partner { name } capacity { code } } }',
      { ssin: referencePersons.unemployedBetweenJobs },
      await citizenHeaders(referencePersons.unemployedBetweenJobs),
    );
    expect(own.status).toBe(200);
    expect((own.body.data as { followedBy: { capacity: { code: string } }[] }).followedBy).toContainEqual(
      expect.objectContaining({ capacity: { code: 'UNEMPLOYMENT_FILE' } }),
    );
    const other = await graphqlRequest(
      gatewayUrl,
      'query ($ssin: SSIN!) { followedBy(ssin: $ssin) { partner { name } } }',
      { ssin: referencePersons.deceased },
      await citizenHeaders(referencePersons.unemployedBetweenJobs),
    );
    expect(other.status).toBe(403);
    expect(other.body.errors?.[0]?.extensions).toEqual({ code: 'NOT_OWN_DATA' });
  });

  it('is refused to a partner', async () => {
    const response = await graphqlRequest(gatewayUrl, '{ followedBy(ssin: "85073003328") { partner { id } } }', undefined, capac);
    expect(response.status).toBe(403);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});
