import { todayInBelgium } from '../dates.js';
import { type Authorization, type PolicySet } from './model.js';

export interface ApplicableAuthorizationsQuery {
  partnerId: string;
  purpose: string;
  /**
   * The day of the request. A Date is turned into the Belgian calendar day
   * (a request at 00:30 in Brussels on 1 January is on 1 January, although UTC
   * still says 31 December); a string is taken as that day, `YYYY-MM-DD`.
   */
  today: Date | string;
}

/**
 * The authorizations of this partner, for this purpose, in force on that day
 * (validFrom ≤ today ≤ validUntil, both inclusive). In set order, so that the
 * same request always yields the same list (and the same compiled grants).
 */
export function applicableAuthorizations(set: PolicySet, query: ApplicableAuthorizationsQuery): Authorization[] {
  const day = typeof query.today === 'string' ? query.today : todayInBelgium(query.today);
  return set.authorizations.filter(
    (a) =>
      a.partner === query.partnerId &&
      a.purposes.includes(query.purpose) &&
      a.validFrom <= day &&
      (a.validUntil === null || day <= a.validUntil),
  );
}
