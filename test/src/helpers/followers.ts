import { collections } from '@crossroads/db';
import { todayInBelgium } from '@crossroads/shared';
import { MongoClient } from 'mongodb';
import { graphqlRequest } from './graphqlRequest.js';
import { partnerHeaders } from './partnerHeaders.js';

/** The partners with an authorization in force that reads persons, with the purpose and capacity they register them under. */
export const followingPartners = [
  { partnerId: 'capac', purpose: 'UNEMPLOYMENT_BENEFIT', capacity: 'UNEMPLOYMENT_FILE' },
  { partnerId: 'famiwal', purpose: 'FAMILY_ALLOWANCE', capacity: 'FAMILY_ALLOWANCE_FILE' },
  { partnerId: 'sfpd', purpose: 'PENSION_CALCULATION', capacity: 'PENSION_FILE' },
] as const;

export type FollowingPartner = (typeof followingPartners)[number];

const FOLLOW_MANY = `mutation Integrate($capacity: String!, $from: Date!, $ssins: [String!]!) {
  followMany(capacity: $capacity, from: $from, ssins: $ssins) { total invalid duplicates }
}`;

/** Registers, through the gateway as the partner does, that it follows these persons from `from` on. */
export async function follow(
  gatewayUrl: string,
  partner: FollowingPartner,
  ssins: readonly string[],
  from = todayInBelgium(),
): Promise<void> {
  for (let i = 0; i < ssins.length; i += 10_000) {
    const batch = ssins.slice(i, i + 10_000);
    const { status, body } = await graphqlRequest(
      gatewayUrl,
      FOLLOW_MANY,
      { capacity: partner.capacity, from, ssins: batch },
      await partnerHeaders(partner.partnerId, partner.purpose),
    );
    if (status !== 200 || body.errors) throw new Error(`followMany as ${partner.partnerId} failed: ${JSON.stringify(body.errors)}`);
  }
}

/**
 * The end-to-end suites' reference directory: every partner that reads persons
 * follows every seeded person from today on, so that suites about other things
 * read whom they like. What the seed registered stays (a file that ended in 2023
 * keeps its period: today's is a new one beside it). The directory's own suite
 * (directory.e2e.ts) ends some of these files to test the scope.
 */
export async function followEveryone(gatewayUrl: string, mongoUri: string): Promise<void> {
  const client = await new MongoClient(mongoUri).connect();
  try {
    const ssins = (
      await client
        .db(collections.persons.database)
        .collection(collections.persons.name)
        .find({}, { projection: { _id: 1 } })
        .toArray()
    ).map((doc) => String(doc._id));
    for (const partner of followingPartners) await follow(gatewayUrl, partner, ssins);
  } finally {
    await client.close();
  }
}
