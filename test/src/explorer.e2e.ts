import { detectServerKind } from '@crossroads/shared';
import { getIntrospectionQuery } from 'graphql';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startInProcessSystem } from './helpers/inProcessSystem.js';
import { capacBenefit } from './helpers/partnerHeaders.js';

const { gatewayUrl, mongoUri } = inject('stack');

describe('the explorer', () => {
  it('is not served outside development: no page at all', async () => {
    const origin = new URL(gatewayUrl).origin;
    for (const path of ['/explorer', '/explorer/graphiql.min.js', '/', '/graphql']) {
      const response = await fetch(`${origin}${path}`, { headers: { accept: 'text/html' } });
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.headers.get('content-type'), path).toMatch(/^application\/json/);
    }
  });

  describe('in development', () => {
    let client: MongoClient;
    let system: Awaited<ReturnType<typeof startInProcessSystem>>;
    let origin: string;

    beforeAll(async () => {
      client = await new MongoClient(mongoUri).connect();
      system = await startInProcessSystem({ client, serverKind: await detectServerKind(client), gateway: { development: true } });
      origin = new URL(system.gateway.url).origin;
    });
    afterAll(async () => {
      await system?.stop();
      await client?.close();
    });

    it('serves GraphiQL from the installed package, loading nothing from another origin', async () => {
      const page = await fetch(`${origin}/explorer`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
      const html = await page.text();
      const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
      expect(assets.length).toBeGreaterThanOrEqual(5);
      for (const asset of assets) {
        expect(asset, 'same origin').toMatch(/^\/explorer\//);
        const response = await fetch(`${origin}${asset}`);
        expect(response.status, asset).toBe(200);
        expect((await response.text()).length, asset).toBeGreaterThan(100);
      }
    });

    it('lets the explorer introspect the schema with a partner token (introspection is on in development only)', async () => {
      const response = await fetch(system.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await capacBenefit()) },
        // What GraphiQL sends first, within the operation limits of any partner.
        body: JSON.stringify({ query: getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true }) }),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { data: { __schema: { queryType: { name: string } } } };
      expect(body.data.__schema.queryType.name).toBe('Query');
    });
  });
});
