import fs from 'node:fs';
import { parse } from 'yaml';

/**
 * A partner's `issuer` from partners.yaml, for tools that mint development
 * tokens. Deliberately minimal: the policy loader owns validating the file;
 * this only needs one field and must fail with a message a developer can act on.
 */
export function readPartnerIssuer(partnersFile: string, partnerId: string): string {
  if (!fs.existsSync(partnersFile)) {
    throw new Error(`${partnersFile} does not exist yet: it registers each partner's issuer, which the token must carry.`);
  }
  // partners.yaml is a list of partners; a `partners:` key around the list is accepted too.
  const document = parse(fs.readFileSync(partnersFile, 'utf8')) as unknown;
  const list = Array.isArray(document) ? document : (document as { partners?: unknown } | null)?.partners;
  if (!Array.isArray(list)) throw new Error(`${partnersFile} is not a list of partners.`);
  const partners = list as { id?: unknown; issuer?: unknown }[];
  const partner = partners.find((p) => p?.id === partnerId);
  if (!partner) {
    const known = partners.map((p) => p?.id).filter((id) => typeof id === 'string');
    throw new Error(`Unknown partner ${partnerId}: ${partnersFile} lists ${known.join(', ') || 'none'}.`);
  }
  if (typeof partner.issuer !== 'string' || partner.issuer === '')
    throw new Error(`Partner ${partnerId} in ${partnersFile} has no issuer.`);
  return partner.issuer;
}
