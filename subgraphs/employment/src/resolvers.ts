import { codelists, type EmployerDoc, type EmploymentDoc, type QuarterlyDeclarationDoc } from '@crossroads/db';
import { badUserInput, checkDateRange, isWithin, releasableFrom, scalarResolvers, type AccessContext } from '@crossroads/shared';
import type { EmploymentContext } from './context.js';

const MAX_EMPLOYMENTS_PAGE = 200;
const MAX_DECLARATION_MONTHS = 120;

type EmployerRef = { enterpriseNumber: string } | EmployerDoc;

const jointCommitteeNames = new Map(codelists.jointCommittees.map((jc) => [jc.code, { nl: jc.nl, fr: jc.fr }]));

function jointCommittee(code: string) {
  return { code, name: jointCommitteeNames.get(code) ?? null };
}

function quarterOf(day: string): string {
  const [year, month] = day.split('-').map(Number) as [number, number];
  return `${year}Q${Math.ceil(month / 3)}`;
}

/** The first day of a declaration's quarter, YYYY-MM-DD. */
function quarterStart(d: { year: number; quarter: number }): string {
  return `${d.year}-${String(3 * d.quarter - 2).padStart(2, '0')}-01`;
}

async function loadEmployer(ref: EmployerRef, context: EmploymentContext): Promise<EmployerDoc | null> {
  return '_id' in ref ? ref : context.loaders.employerById.load(ref.enterpriseNumber);
}

function employerField<T>(pick: (doc: EmployerDoc) => T) {
  return async (ref: EmployerRef, _args: unknown, context: EmploymentContext) => {
    const doc = await loadEmployer(ref, context);
    return doc ? pick(doc) : null;
  };
}

export const resolvers = {
  ...scalarResolvers,
  Query: {
    employer: (_: unknown, { enterpriseNumber }: { enterpriseNumber: string }, context: EmploymentContext) =>
      context.loaders.employerById.load(enterpriseNumber),
  },
  Person: {
    // Any SSIN is a valid reference here: a person without declarations has empty lists.
    __resolveReference: (ref: { ssin: string }) => ({ ssin: ref.ssin }),
    employments: async (
      { ssin }: { ssin: string },
      { activeOn, first }: { activeOn?: string | null; first: number },
      context: EmploymentContext,
    ) => {
      if (first < 0 || first > MAX_EMPLOYMENTS_PAGE) {
        throw badUserInput(`employments' first must be between 0 and ${MAX_EMPLOYMENTS_PAGE}.`, 'PAGE_SIZE');
      }
      const all = await context.loaders.employmentsBySsin.load(ssin);
      return all
        .filter((e) => !activeOn || isWithin(activeOn, e.startDate, e.endDate))
        .sort((a, b) => (a.startDate < b.startDate ? 1 : a.startDate > b.startDate ? -1 : 0))
        .slice(0, first);
    },
    quarterlyDeclarations: async (
      { ssin }: { ssin: string },
      args: { from: string; to: string },
      context: EmploymentContext & AccessContext,
    ) => {
      const { from, to } = args;
      checkDateRange(from, to, MAX_DECLARATION_MONTHS);
      const [first, last] = [quarterOf(from), quarterOf(to)];
      // A quarter that starts before the earliest day the authorization reaches is not released,
      // though it overlaps [from, to]: `from` may sit on the bound in the middle of a quarter.
      const releasable = releasableFrom(context, 'Person.quarterlyDeclarations', 'from', args);
      const all = await context.loaders.declarationsBySsin.load(ssin);
      return all
        .filter((d) => {
          const q = `${d.year}Q${d.quarter}`;
          return first <= q && q <= last && (releasable === null || quarterStart(d) >= releasable);
        })
        .sort((a, b) => a.year - b.year || a.quarter - b.quarter || a.employer.localeCompare(b.employer));
    },
  },
  Employment: {
    dimonaPeriodId: (e: EmploymentDoc) => e._id,
    employer: (e: EmploymentDoc) => ({ enterpriseNumber: e.employer }),
    jointCommittee: (e: EmploymentDoc) => jointCommittee(e.jointCommittee),
  },
  QuarterlyDeclaration: {
    employer: (d: QuarterlyDeclarationDoc) => ({ enterpriseNumber: d.employer }),
    jointCommittee: (d: QuarterlyDeclarationDoc) => jointCommittee(d.jointCommittee),
  },
  Employer: {
    __resolveReference: (ref: { enterpriseNumber: string }, context: EmploymentContext) =>
      context.loaders.employerById.load(ref.enterpriseNumber),
    enterpriseNumber: (ref: EmployerRef) => ('_id' in ref ? ref._id : ref.enterpriseNumber),
    name: employerField((doc) => doc.name),
    nssoNumber: employerField((doc) => doc.nssoNumber),
    jointCommittee: employerField((doc) => jointCommittee(doc.jointCommittee)),
    nisCode: employerField((doc) => doc.nisCode),
  },
};
