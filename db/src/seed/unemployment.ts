import type { AllowanceType, FamilyCategory, PaymentInstitution, UnemploymentFileDoc, UnemploymentPaymentDoc } from '../layout.js';
import { fullUnemploymentDailyCents, FULL_MONTH_DAYS, insertionDailyCents, temporaryUnemploymentDailyCents } from './allowances.js';
import { allowanceDaysBetween, firstDayOfMonth, isoMonth, isoOf, lastDayOfMonth, monthOf, weekday } from './calendar.js';
import type { Job, UnemploymentSpell } from './jobs.js';
import { DATA_END, FIRST_PAID_MONTH, LAST_PAID_MONTH } from './period.js';
import type { Random } from './prng.js';
import type { TemporaryMonth } from './temporaryUnemployment.js';

export interface UnemploymentInput {
  ssin: string;
  death: number | null;
  familyCategory: FamilyCategory;
  institution: PaymentInstitution;
  jobs: readonly Job[];
  spells: readonly UnemploymentSpell[];
  temporary: readonly TemporaryMonth[];
}

/** A run of months paid under one allowance type: what the payment institution's file describes. */
interface Entitlement {
  allowanceType: AllowanceType;
  since: number;
  lastMonth: number;
  until: number;
}

/** Payment institutions pay in the first days of the following month; the public fund a little later than the unions. */
const PAYMENT_DAY: Record<PaymentInstitution, number> = { ABVV_FGTB: 2, ACV_CSC: 3, ACLVB_CGSLB: 4, CAPAC: 6 };

function paymentDate(month: number, institution: PaymentInstitution, jitter: number): string {
  let day = firstDayOfMonth(month + 1) + PAYMENT_DAY[institution] - 1 + jitter;
  while (weekday(day) >= 5) day++;
  return isoOf(day);
}

function payment(
  input: UnemploymentInput,
  month: number,
  type: AllowanceType,
  days: number,
  daily: number,
  noise: Random | null,
): UnemploymentPaymentDoc {
  return {
    _id: `${input.ssin}-${isoMonth(month)}-${type}`,
    ssin: input.ssin,
    month: isoMonth(month),
    allowanceType: type,
    familyCategory: input.familyCategory,
    daysCompensated: days,
    dailyAmountCents: daily,
    grossAmountCents: days * daily,
    paymentDate: paymentDate(month, input.institution, noise ? noise.int(0, 3) : 0),
    payingOrganisation: input.institution,
  };
}

const touches = (job: Job, from: number, to: number) => job.start <= to && (job.end ?? DATA_END) >= from;

/**
 * Full unemployment and insertion allowances: one payment per month of the
 * spell in the paid window, except months with any work (the allowance is
 * not paid for a month with a job in it here; real partial months exist but
 * a month with full-time work never gets one). Six allowance days a week,
 * 26 for a whole month; fewer in the month of death, and now and then a few
 * days off for sickness or holiday pay from the last employer.
 */
function spellPayments(
  input: UnemploymentInput,
  spell: UnemploymentSpell,
  noise: Random | null,
  out: UnemploymentPaymentDoc[],
): Entitlement | null {
  const end = Math.min(spell.end ?? DATA_END, input.death ?? DATA_END);
  if (monthOf(end) < FIRST_PAID_MONTH) return null;
  const firstMonth = monthOf(spell.start);
  let entitlement: Entitlement | null = null;
  let paid = false;
  for (let m = firstMonth; m <= Math.min(monthOf(end), LAST_PAID_MONTH); m++) {
    if (input.jobs.some((job) => touches(job, firstDayOfMonth(m), lastDayOfMonth(m)))) continue;
    const from = Math.max(firstDayOfMonth(m), spell.start);
    const to = Math.min(lastDayOfMonth(m), end);
    // The entitlement starts with the first month without work, even when that lies before the paid window.
    entitlement ??= { allowanceType: spell.allowanceType, since: firstDayOfMonth(m), lastMonth: m, until: to };
    entitlement.lastMonth = m;
    entitlement.until = to;
    if (m < FIRST_PAID_MONTH) continue;
    // A whole month is paid as 26 days whatever the calendar (the RVA's monthly figure is daily × 26); a part of one by its Monday–Saturday days.
    const wholeMonth = from === firstDayOfMonth(m) && to === lastDayOfMonth(m);
    let days = wholeMonth ? FULL_MONTH_DAYS : Math.min(FULL_MONTH_DAYS, allowanceDaysBetween(from, to));
    if (noise && days > 6 && noise.chance(0.15)) days -= noise.int(1, 6);
    if (days <= 0) continue;
    const daily =
      spell.allowanceType === 'INSERTION_ALLOWANCE'
        ? insertionDailyCents(input.familyCategory)
        : fullUnemploymentDailyCents(spell.referenceMonthlyWageCents, input.familyCategory, m - firstMonth + 1);
    out.push(payment(input, m, spell.allowanceType, days, daily, noise));
    paid = true;
  }
  return paid ? entitlement : null;
}

/** Temporary unemployment: consecutive months form one entitlement. */
function temporaryPayments(input: UnemploymentInput, noise: Random | null, out: UnemploymentPaymentDoc[]): Entitlement[] {
  const runs: Entitlement[] = [];
  for (const t of [...input.temporary].sort((a, b) => a.month - b.month)) {
    const daily = temporaryUnemploymentDailyCents((t.job.monthlyWageCents * t.job.workingTimePercent) / 100);
    out.push(payment(input, t.month, 'TEMPORARY_UNEMPLOYMENT', t.days, daily, noise));
    const last = runs[runs.length - 1];
    if (last && last.lastMonth === t.month - 1) Object.assign(last, { lastMonth: t.month, until: lastDayOfMonth(t.month) });
    else
      runs.push({
        allowanceType: 'TEMPORARY_UNEMPLOYMENT',
        since: firstDayOfMonth(t.month),
        lastMonth: t.month,
        until: lastDayOfMonth(t.month),
      });
  }
  return runs;
}

/**
 * The person's payments and, when there is any, the payment institution's
 * file: the latest entitlement, still running if it was paid for the last
 * month (2026-10) and the person is alive.
 */
export function unemploymentDocs(
  input: UnemploymentInput,
  noise: Random | null,
): { payments: UnemploymentPaymentDoc[]; file: UnemploymentFileDoc | null } {
  const payments: UnemploymentPaymentDoc[] = [];
  const entitlements: Entitlement[] = [];
  for (const spell of input.spells) {
    const e = spellPayments(input, spell, noise, payments);
    if (e) entitlements.push(e);
  }
  entitlements.push(...temporaryPayments(input, noise, payments));
  payments.sort((a, b) => a.month.localeCompare(b.month) || a.allowanceType.localeCompare(b.allowanceType));
  if (payments.length === 0) return { payments, file: null };
  // Every entitlement here has a payment in the window; the latest one is the file's.
  const latest = entitlements.reduce((a, b) => (b.lastMonth > a.lastMonth || (b.lastMonth === a.lastMonth && b.since > a.since) ? b : a));
  const running = latest.lastMonth === LAST_PAID_MONTH && input.death === null && latest.until === lastDayOfMonth(LAST_PAID_MONTH);
  return {
    payments,
    file: {
      _id: input.ssin,
      status: running ? 'RECEIVING_ALLOWANCE' : 'NOT_RECEIVING',
      allowanceType: latest.allowanceType,
      familyCategory: input.familyCategory,
      payingOrganisation: input.institution,
      since: isoOf(latest.since),
      until: running ? null : isoOf(latest.until),
    },
  };
}
