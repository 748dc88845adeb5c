import type { FamilyCategory, PaymentInstitution, UnemploymentFileDoc, UnemploymentPaymentDoc } from '@crossroads/db';
import { checkDateRange, releasableFrom, scalarResolvers, type AccessContext } from '@crossroads/shared';
import type { UnemploymentContext } from './context.js';

const MAX_PAYMENT_MONTHS = 120;

const familyCategories: Record<FamilyCategory, string> = { A: 'HEAD_OF_HOUSEHOLD', N: 'LIVING_ALONE', B: 'COHABITANT' };

const institutionNames: Record<PaymentInstitution, string> = {
  CAPAC: 'Hulpkas voor Werkloosheidsuitkeringen / Caisse auxiliaire de paiement des allocations de chômage',
  ACV_CSC: 'ACV / CSC',
  ABVV_FGTB: 'ABVV / FGTB',
  ACLVB_CGSLB: 'ACLVB / CGSLB',
};

const institution = (code: PaymentInstitution) => ({ code, name: institutionNames[code] });

export const resolvers = {
  ...scalarResolvers,
  Person: {
    // Any SSIN is a valid reference here: a person the institutions never paid has no payments.
    __resolveReference: (ref: { ssin: string }) => ({ ssin: ref.ssin }),
    unemploymentPayments: async (
      { ssin }: { ssin: string },
      args: { from: string; to: string },
      context: UnemploymentContext & AccessContext,
    ) => {
      const { from, to } = args;
      checkDateRange(from, to, MAX_PAYMENT_MONTHS);
      const [firstMonth, lastMonth] = [from.slice(0, 7), to.slice(0, 7)];
      // A month that starts before the earliest day the authorization reaches is not released,
      // though it overlaps [from, to]: `from` may sit on the bound in the middle of a month.
      const releasable = releasableFrom(context, 'Person.unemploymentPayments', 'from', args);
      const all = await context.loaders.paymentsBySsin.load(ssin);
      return all
        .filter((p) => firstMonth <= p.month && p.month <= lastMonth && (releasable === null || `${p.month}-01` >= releasable))
        .sort((a, b) => a.month.localeCompare(b.month) || a.allowanceType.localeCompare(b.allowanceType));
    },
    unemploymentStatus: ({ ssin }: { ssin: string }, _args: unknown, context: UnemploymentContext) => context.loaders.fileBySsin.load(ssin),
  },
  UnemploymentPayment: {
    familyCategory: (p: UnemploymentPaymentDoc) => familyCategories[p.familyCategory],
    payingOrganisation: (p: UnemploymentPaymentDoc) => institution(p.payingOrganisation),
  },
  UnemploymentStatus: {
    familyCategory: (f: UnemploymentFileDoc) => familyCategories[f.familyCategory],
    payingOrganisation: (f: UnemploymentFileDoc) => institution(f.payingOrganisation),
  },
};
