import { printType } from 'graphql';
import { DateScalar } from './date.js';
import { EnterpriseNumber } from './enterpriseNumber.js';
import { SSIN } from './ssin.js';

export { DateScalar, EnterpriseNumber, SSIN };
export { isIsoCalendarDate } from './date.js';
export { checkReferenceKeys } from './checkReferenceKeys.js';

/** Spread into an Apollo resolver map: `resolvers: { ...scalarResolvers, Query: … }`. */
export const scalarResolvers = { SSIN, EnterpriseNumber, Date: DateScalar };

/**
 * SDL declaring the three scalars, printed from the scalar objects so that the
 * descriptions and @specifiedBy URLs cannot drift from the implementation.
 */
export const scalarTypeDefs = [SSIN, EnterpriseNumber, DateScalar].map((scalar) => printType(scalar)).join('\n\n') + '\n';
