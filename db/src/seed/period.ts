/**
 * The moments the synthetic population is cut at. The data reads as an
 * extraction made in November 2026: October 2026 is the last month paid, Q3
 * 2026 the last quarter declared (DmfA is due a month after the quarter).
 * Fixed dates, not "today": the same seed must give the same data next year.
 */
import { dayOf, monthNumber, quarterNumber } from './calendar.js';

/** Last day with data: nothing (address change, employment start, payment) happens later. */
export const DATA_END = dayOf(2026, 10, 31);

/** Deaths lie before this day. */
export const DEATHS_BEFORE = dayOf(2026, 11, 1);

/** Unemployment payments cover the last 37 months, 2023-10 to 2026-10. */
export const FIRST_PAID_MONTH = monthNumber(2023, 10);
export const LAST_PAID_MONTH = monthNumber(2026, 10);

/** Quarterly declarations cover the last 12 quarters, 2023Q4 to 2026Q3. */
export const FIRST_DECLARED_QUARTER = quarterNumber(2023, 4);
export const LAST_DECLARED_QUARTER = quarterNumber(2026, 3);

/** Dimona periods must end on or after 1 January 1999 (zone 00911), so older jobs are not in the source. */
export const DIMONA_FIRST_END = dayOf(1999, 1, 1);

/** Births are spread over these years. */
export const FIRST_BIRTH_YEAR = 1940;
export const LAST_BIRTH_YEAR = 2008;
