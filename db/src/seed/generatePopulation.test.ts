import { mod97Check, parseEnterpriseNumber, parseSsin } from '@crossroads/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { country, jointCommittee, municipalityOfNis, municipalityOfPostalCode, workerCode } from '../codelists/index.js';
import type { EmployerDoc, EmploymentDoc } from '../layout.js';
import { dailyAmountBounds } from './allowances.js';
import { firstDayOfMonth, isoOf, lastDayOfMonth, parseIso, yearsBetween } from './calendar.js';
import { employerCount } from './employers.js';
import { generatePopulation, type PersonBundle } from './generatePopulation.js';

/** The population the invariants are checked on: large enough for every kind of case to turn up. */
const PERSONS = 6_000;
/** SSINs are checked as of the day the data is "extracted". */
const EXTRACTION_DAY = new Date('2026-11-29T00:00:00Z');

const serialise = (population: ReturnType<typeof generatePopulation>) =>
  JSON.stringify({ employers: population.employers, persons: [...population.persons] });
/**
 * Generated one by one in the streaming test. Enough to tell streaming (heap
 * growth of 10–30 MB) from holding the persons (about 3.7 KB each, 185 MB),
 * small enough for a fast suite: the generator makes about 200,000 persons in
 * 5–8 s on one core.
 */
const STREAMED = 50_000;

const quarterOf = (iso: string) => `${iso.slice(0, 4)}Q${Math.floor((Number(iso.slice(5, 7)) - 1) / 3)}`;
const endOf = (e: EmploymentDoc) => (e.endDate === null ? Infinity : parseIso(e.endDate));

describe('determinism', () => {
  it('gives byte-identical data for the same size and seed', () => {
    expect(serialise(generatePopulation({ persons: 1_500, seed: 7 }))).toBe(serialise(generatePopulation({ persons: 1_500, seed: 7 })));
  });

  it('gives the same persons when the same population is iterated twice', () => {
    const population = generatePopulation({ persons: 500, seed: 3 });
    expect(JSON.stringify([...population.persons])).toBe(JSON.stringify([...population.persons]));
  });

  it('gives different data for another seed', () => {
    const a = [...generatePopulation({ persons: 200, seed: 1 }).persons].slice(4);
    const b = [...generatePopulation({ persons: 200, seed: 2 }).persons].slice(4);
    expect(a.map((p) => p.person._id)).not.toEqual(b.map((p) => p.person._id));
  });
});

describe('reference persons', () => {
  const first4 = (persons: number, seed: number) => [...generatePopulation({ persons, seed }).persons].slice(0, 4);

  it('come first, the same whatever the size and seed', () => {
    const small = first4(4, 1);
    expect(small.map((b) => b.person._id)).toEqual(['85073003328', '03021415813', '90451702125', '62110309728']);
    expect(JSON.stringify(first4(800, 42))).toBe(JSON.stringify(small));
    expect([...generatePopulation({ persons: 0, seed: 5 }).persons]).toHaveLength(4);
  });

  it('85073003328: two jobs, full unemployment for every month of 2024 in between, Gent then Leuven', () => {
    const [b] = first4(4, 1);
    expect(b!.person).toMatchObject({ birthDate: '1985-07-30', gender: 'MALE', register: 'NATIONAL_REGISTER', deathDate: null });
    expect(b!.person.addresses.map((a) => a.municipality)).toEqual(['Gent', 'Gent', 'Leuven']);
    expect(b!.employments.map((e) => [e.startDate, e.endDate, e.workerType, e.workingTimePercent])).toEqual([
      ['2015-03-01', '2023-12-31', 'OTH', 100],
      ['2025-01-06', null, 'OTH', 100],
    ]);
    expect(b!.unemploymentPayments.map((p) => p.month)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`),
    );
    for (const p of b!.unemploymentPayments) {
      expect(p).toMatchObject({
        allowanceType: 'FULL_UNEMPLOYMENT',
        daysCompensated: 26,
        familyCategory: 'N',
        payingOrganisation: 'CAPAC',
      });
      expect(p.grossAmountCents).toBe(26 * p.dailyAmountCents);
    }
    // Degressive: 65% capped for months 1–3, then the lower caps of months 4–6 and 7–12.
    expect(b!.unemploymentPayments.map((p) => p.dailyAmountCents)).toEqual([
      7998, 7998, 7998, 7383, 7383, 7383, 6881, 6881, 6881, 6881, 6881, 6881,
    ]);
    expect(b!.unemploymentFile).toEqual({
      _id: '85073003328',
      status: 'NOT_RECEIVING',
      allowanceType: 'FULL_UNEMPLOYMENT',
      familyCategory: 'N',
      payingOrganisation: 'CAPAC',
      since: '2024-01-01',
      until: '2024-12-31',
    });
    expect(b!.quarterlyDeclarations.map((d) => `${d.year}Q${d.quarter}`)).toEqual([
      '2023Q4',
      '2025Q1',
      '2025Q2',
      '2025Q3',
      '2025Q4',
      '2026Q1',
      '2026Q2',
      '2026Q3',
    ]);
  });

  it('03021415813: born 2003, a part-time student job in summer 2024, no unemployment', () => {
    const b = first4(4, 1)[1]!;
    expect(parseSsin(b.person._id, EXTRACTION_DAY)).toMatchObject({ bornFrom2000: true, gender: 'FEMALE', birthDate: '2003-02-14' });
    expect(b.employments).toEqual([
      expect.objectContaining({
        workerType: 'STU',
        workerCode: '841',
        jointCommittee: '202',
        startDate: '2024-07-01',
        endDate: '2024-08-30',
      }),
    ]);
    expect(b.employments[0]!.workingTimePercent).toBeLessThan(100);
    expect(b.quarterlyDeclarations.map((d) => `${d.year}Q${d.quarter}`)).toEqual(['2024Q3']);
    expect(b.unemploymentPayments).toEqual([]);
    expect(b.unemploymentFile).toBeNull();
  });

  it('90451702125: a bis number, living in France, one running job at a Belgian employer', () => {
    const b = first4(4, 1)[2]!;
    expect(parseSsin(b.person._id, EXTRACTION_DAY)).toMatchObject({ register: 'BIS', gender: 'MALE', birthDate: '1990-05-17' });
    expect(b.person).toMatchObject({ register: 'BIS', nationality: 'FR', gender: 'MALE' });
    const current = b.person.addresses.at(-1)!;
    expect(current).toMatchObject({ municipality: 'Lille', country: 'FR', nisCode: null, validTo: null });
    expect(b.employments).toEqual([expect.objectContaining({ endDate: null, jointCommittee: '111', workerCode: '015' })]);
    expect(b.quarterlyDeclarations).toHaveLength(12);
    expect(b.unemploymentPayments).toEqual([]);
  });

  it('62110309728: died in 2023 after his job ended; paid before the death, never after', () => {
    const b = first4(4, 1)[3]!;
    expect(b.person.deathDate).toMatch(/^2023-/);
    const death = b.person.deathDate!;
    expect(b.employments.every((e) => e.endDate !== null && e.endDate < death)).toBe(true);
    expect(b.unemploymentPayments.map((p) => [p.month, p.daysCompensated])).toEqual([
      ['2023-11', 26],
      ['2023-12', 12],
    ]);
    expect(b.unemploymentFile).toMatchObject({ status: 'NOT_RECEIVING', since: '2023-11-01', until: death });
  });

  it("have their employers in the employers' list", () => {
    const population = generatePopulation({ persons: 4, seed: 9 });
    const ids = new Set(population.employers.map((e) => e._id));
    for (const b of population.persons) for (const e of b.employments) expect(ids.has(e.employer)).toBe(true);
  });
});

describe(`a population of ${PERSONS.toLocaleString('en')}`, () => {
  let employers: readonly EmployerDoc[];
  let bundles: PersonBundle[];
  beforeAll(() => {
    const population = generatePopulation({ persons: PERSONS, seed: 1 });
    employers = population.employers;
    bundles = [...population.persons];
  });
  // Let the streaming test below start from a small heap.
  afterAll(() => {
    bundles = [];
  });
  const share = (test: (b: PersonBundle) => boolean) => bundles.filter(test).length / bundles.length;

  /**
   * Runs `check` on every person and expects no problem. Problems are collected
   * rather than asserted one by one: a failure lists the persons concerned, and
   * a million cheap checks do not pay for a million `expect` calls.
   */
  function expectEveryPerson(check: (b: PersonBundle, problem: (what: string) => void) => void): void {
    const problems: string[] = [];
    for (const b of bundles) check(b, (what) => problems.push(`${b.person._id}: ${what}`));
    expect(problems.slice(0, 20)).toEqual([]);
  }

  it('has valid, unique SSINs that agree with the register, birth date and gender', () => {
    const seen = new Set<string>();
    expectEveryPerson(({ person }, problem) => {
      const parsed = parseSsin(person._id, EXTRACTION_DAY);
      if (parsed.register !== person.register || parsed.birthDate !== person.birthDate || parsed.gender !== person.gender)
        problem('SSIN disagrees');
      if (seen.has(person._id)) problem('duplicate SSIN');
      seen.add(person._id);
      // Serials 997 and 998 are never issued: tests build absent SSINs with them.
      if (Number(person._id.slice(6, 9)) >= 997) problem('serial 997/998');
    });
  });

  it('has births from 1940 to 2008, plenty after 2000', () => {
    const years = bundles.map((b) => Number(b.person.birthDate.slice(0, 4)));
    expect(Math.min(...years)).toBeGreaterThanOrEqual(1940);
    expect(Math.max(...years)).toBeLessThanOrEqual(2008);
    expect(years.filter((y) => y >= 2000).length / years.length).toBeGreaterThan(0.1);
  });

  it('has about 3% bis numbers, living abroad (mostly in neighbouring countries), some without a known gender', () => {
    const bis = bundles.filter((b) => b.person.register === 'BIS');
    expect(bis.length / bundles.length).toBeGreaterThan(0.02);
    expect(bis.length / bundles.length).toBeLessThan(0.04);
    expect(bis.some((b) => b.person.gender === null)).toBe(true);
    expect(bis.flatMap((b) => b.person.addresses).filter((a) => a.nisCode !== null || a.country === 'BE')).toEqual([]);
    const neighbours = bis.filter((b) => ['FR', 'NL', 'DE', 'LU'].includes(b.person.addresses.at(-1)!.country));
    expect(neighbours.length / bis.length).toBeGreaterThan(0.7);
  });

  it('has about 5% deceased, and nothing of theirs after the death', () => {
    expect(share((b) => b.person.deathDate !== null)).toBeGreaterThan(0.035);
    expect(share((b) => b.person.deathDate !== null)).toBeLessThan(0.07);
    expectEveryPerson(({ person, employments, unemploymentPayments, unemploymentFile }, problem) => {
      const death = person.deathDate;
      if (death === null) return;
      if (death <= person.birthDate || death >= '2026-11-01') problem(`death ${death}`);
      if (person.addresses.some((a) => a.validFrom > death)) problem('address after death');
      if (employments.some((e) => e.startDate > death || e.endDate === null || e.endDate > death)) problem('employment after death');
      if (unemploymentPayments.some((p) => p.month > death.slice(0, 7))) problem('payment after death');
      if (unemploymentFile?.status === 'RECEIVING_ALLOWANCE') problem('receiving after death');
    });
  });

  it('has contiguous address histories of 1 to 5 addresses, in real municipalities', () => {
    expectEveryPerson(({ person }, problem) => {
      const addresses = person.addresses;
      if (addresses.length < 1 || addresses.length > 5) problem(`${addresses.length} addresses`);
      if (addresses[0]!.validFrom < person.birthDate.replace(/-00/g, '-01')) problem('address before birth');
      addresses.forEach((a, i) => {
        const next = addresses[i + 1];
        if (next ? a.validTo !== isoOf(parseIso(next.validFrom) - 1) : a.validTo !== null) problem(`address ${i} not contiguous`);
        if (a.country !== 'BE') return;
        const m = municipalityOfPostalCode(a.postalCode);
        if (a.nisCode !== m.nisCode || (a.municipality !== m.nl && a.municipality !== m.fr))
          problem(`${a.postalCode} ${a.municipality} ${a.nisCode}`);
      });
    });
  });

  it('uses country codes from the code list and a civil status that fits the age', () => {
    expectEveryPerson(({ person }, problem) => {
      for (const code of [person.nationality, person.birthPlace.country, ...person.addresses.map((a) => a.country)]) country(code);
      const age = yearsBetween(parseIso(person.birthDate.replace(/-00/g, '-01')), parseIso(person.deathDate ?? '2026-10-31'));
      if (age < 20 && person.civilStatus !== 'SINGLE') problem(`${person.civilStatus} at ${age}`);
      if (person.civilStatus === 'WIDOWED' && age < 45) problem(`widowed at ${age}`);
    });
  });

  it('has valid, unique employers: enterprise and RSZ numbers, joint committees, NIS codes', () => {
    expect(employers).toHaveLength(employerCount(PERSONS));
    expect(employerCount(10_000)).toBe(2_500);
    expect(new Set(employers.map((e) => e._id)).size).toBe(employers.length);
    expect(new Set(employers.map((e) => e.nssoNumber)).size).toBe(employers.length);
    for (const e of employers) {
      expect(parseEnterpriseNumber(e._id)).toBe(e._id);
      const nsso = Number(e.nssoNumber);
      expect(nsso >= 100_006 && nsso <= 199_999_934 && nsso % 97 === 96).toBe(true);
      jointCommittee(e.jointCommittee);
      municipalityOfNis(e.nisCode);
    }
  });

  it('has employments with valid ids and codes, at employers that exist, with at most 100% working time at any moment', () => {
    const employerIds = new Set(employers.map((e) => e._id));
    const dimonaIds = new Set<string>();
    expectEveryPerson(({ person, employments }, problem) => {
      const birth = parseIso(person.birthDate.replace(/-00/g, '-01'));
      for (const e of employments) {
        if (!/^\d{12}$/.test(e._id) || mod97Check(Number(e._id.slice(0, 10))) !== Number(e._id.slice(10))) problem(`Dimona id ${e._id}`);
        if (dimonaIds.has(e._id)) problem(`duplicate Dimona id ${e._id}`);
        dimonaIds.add(e._id);
        if (!employerIds.has(e.employer)) problem(`unknown employer ${e.employer}`);
        jointCommittee(e.jointCommittee);
        workerCode(e.workerCode);
        // 1xx committees are manual (015, student 840, flexi 050), 2xx non-manual (495, 841, 450); 3xx take both.
        if (e.jointCommittee.startsWith('1') && !['015', '840', '050'].includes(e.workerCode))
          problem(`${e.workerCode} in PC ${e.jointCommittee}`);
        if (e.jointCommittee.startsWith('2') && !['495', '841', '450'].includes(e.workerCode))
          problem(`${e.workerCode} in PC ${e.jointCommittee}`);
        if (e.workingTimePercent < 1 || e.workingTimePercent > 100) problem(`${e.workingTimePercent}%`);
        if (e.endDate !== null && (e.endDate < e.startDate || e.endDate < '1999-01-01')) problem(`period ${e.startDate}..${e.endDate}`);
        if (e.startDate > '2026-10-31') problem(`starts ${e.startDate}`);
        if (yearsBetween(birth, parseIso(e.startDate)) < (e.workerType === 'STU' ? 15 : 17)) problem(`${e.workerType} at ${e.startDate}`);
        // A student Dimona starts and ends in the same quarter (zone 00911).
        if (e.workerType === 'STU' && quarterOf(e.startDate) !== quarterOf(e.endDate!)) problem(`student job over two quarters`);
      }
      // Sweep over start and end days: the working time of concurrent employments never exceeds 100%.
      const events = employments.flatMap((e) => [
        [parseIso(e.startDate), e.workingTimePercent] as const,
        [endOf(e) + 1, -e.workingTimePercent] as const,
      ]);
      events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      let load = 0;
      for (const [day, delta] of events) if ((load += delta) > 100) problem(`${load}% on ${isoOf(day)}`);
    });
  });

  it('has worker types mostly OTH, some STU, FLX, EXT and BCW (construction)', () => {
    const types = new Map<string, number>();
    for (const b of bundles) for (const e of b.employments) types.set(e.workerType, (types.get(e.workerType) ?? 0) + 1);
    expect([...types.keys()].sort()).toEqual(['BCW', 'EXT', 'FLX', 'OTH', 'STU']);
    expect(Math.max(...types.values())).toBe(types.get('OTH'));
  });

  it('declares quarters 2023Q4–2026Q3 only, for employments at that employer in that quarter', () => {
    expectEveryPerson(({ person, employments, quarterlyDeclarations }, problem) => {
      for (const d of quarterlyDeclarations) {
        if (d._id !== `${person._id}-${d.employer}-${d.year}Q${d.quarter}`) problem(`id ${d._id}`);
        const key = d.year * 4 + d.quarter - 1;
        if (key < 2023 * 4 + 3 || key > 2026 * 4 + 2) problem(`quarter ${d.year}Q${d.quarter}`);
        const from = firstDayOfMonth(d.year * 12 + d.quarter * 3 - 3);
        const to = lastDayOfMonth(d.year * 12 + d.quarter * 3 - 1);
        if (!employments.some((e) => e.employer === d.employer && parseIso(e.startDate) <= to && endOf(e) >= from))
          problem(`no employment for ${d._id}`);
        if (!Number.isInteger(d.grossWageCents) || d.grossWageCents < 0) problem(`wage ${d.grossWageCents}`);
        if (d.daysWorked < 0 || d.daysWorked > 92) problem(`${d.daysWorked} days`);
      }
    });
  });

  it('pays full-time wages around the glossary quantiles (median €3,728, p10 €2,443, p90 €6,305)', () => {
    // Whole quarters of full-time work, outside Q4 (which carries the end-of-year premium).
    const monthly = bundles
      .flatMap((b) => b.quarterlyDeclarations.filter((d) => d.quarter !== 4 && d.daysWorked >= 64 && ['015', '495'].includes(d.workerCode)))
      .map((d) => d.grossWageCents / 300)
      .sort((a, b) => a - b);
    const quantile = (q: number) => monthly[Math.floor(q * monthly.length)]!;
    expect(monthly.length).toBeGreaterThan(1_000);
    expect(Math.abs(quantile(0.5) / 3_728 - 1)).toBeLessThan(0.1);
    expect(Math.abs(quantile(0.1) / 2_443 - 1)).toBeLessThan(0.15);
    expect(Math.abs(quantile(0.9) / 6_305 - 1)).toBeLessThan(0.15);
  });

  it('pays allowances only in the window, never in a month with full-time work, at most 26 days, within the glossary amounts', () => {
    expectEveryPerson(({ person, employments, unemploymentPayments }, problem) => {
      const ids = new Set<string>();
      for (const p of unemploymentPayments) {
        if (ids.has(p._id) || p._id !== `${person._id}-${p.month}-${p.allowanceType}`) problem(`payment id ${p._id}`);
        ids.add(p._id);
        if (p.month < '2023-10' || p.month > '2026-10') problem(`paid for ${p.month}`);
        if (p.daysCompensated < 1 || p.daysCompensated > 26) problem(`${p.daysCompensated} days`);
        if (p.grossAmountCents !== p.daysCompensated * p.dailyAmountCents) problem('gross ≠ days × daily');
        const bounds = dailyAmountBounds(p.allowanceType, p.familyCategory);
        if (p.dailyAmountCents < bounds.minimum || p.dailyAmountCents > bounds.maximum)
          problem(`${p.allowanceType} ${p.familyCategory} at ${p.dailyAmountCents}`);
        // Paid early in the following month.
        const month = Number(p.month.slice(0, 4)) * 12 + Number(p.month.slice(5, 7)) - 1;
        const from = firstDayOfMonth(month);
        const to = lastDayOfMonth(month);
        if (p.paymentDate.slice(0, 7) !== isoOf(to + 1).slice(0, 7) || Number(p.paymentDate.slice(8)) > 12)
          problem(`paid on ${p.paymentDate}`);
        const working = employments.filter((e) => parseIso(e.startDate) <= to && endOf(e) >= from);
        if (p.allowanceType === 'TEMPORARY_UNEMPLOYMENT') {
          // Temporary unemployment suspends a job that runs the whole month.
          if (!working.some((e) => parseIso(e.startDate) <= from && endOf(e) >= to))
            problem(`temporary unemployment without a job in ${p.month}`);
        } else if (working.some((e) => e.workingTimePercent === 100)) {
          problem(`${p.allowanceType} in ${p.month}, a month with full-time work`);
        }
      }
    });
  });

  it('has a payment-institution file exactly for those with payments, receiving when paid for 2026-10', () => {
    expectEveryPerson(({ person, unemploymentPayments, unemploymentFile: file }, problem) => {
      if (unemploymentPayments.length === 0) {
        if (file !== null) problem('file without payments');
        return;
      }
      if (file === null) return problem('payments without a file');
      if (file._id !== person._id || file.payingOrganisation !== unemploymentPayments[0]!.payingOrganisation)
        problem('file of another person or institution');
      const paidLastMonth = unemploymentPayments.some((p) => p.month === '2026-10' && p.allowanceType === file.allowanceType);
      if (file.status === 'RECEIVING_ALLOWANCE' && (!paidLastMonth || file.until !== null)) problem('receiving, but not paid for 2026-10');
      if (file.status === 'NOT_RECEIVING' && (file.until === null || file.until < file.since))
        problem(`not receiving, until ${file.until}`);
      if (!unemploymentPayments.some((p) => p.allowanceType === file.allowanceType && p.month >= file.since.slice(0, 7)))
        problem('no payment in the file period');
    });
  });

  it('spreads files over the four payment institutions, CAPAC with about 15%, and all three allowance types', () => {
    const files = bundles.flatMap((b) => (b.unemploymentFile ? [b.unemploymentFile] : []));
    const capac = files.filter((f) => f.payingOrganisation === 'CAPAC').length / files.length;
    expect(capac).toBeGreaterThan(0.1);
    expect(capac).toBeLessThan(0.22);
    expect(new Set(files.map((f) => f.payingOrganisation))).toEqual(new Set(['CAPAC', 'ACV_CSC', 'ABVV_FGTB', 'ACLVB_CGSLB']));
    expect(new Set(files.map((f) => f.allowanceType))).toEqual(
      new Set(['FULL_UNEMPLOYMENT', 'TEMPORARY_UNEMPLOYMENT', 'INSERTION_ALLOWANCE']),
    );
  });
});

describe('streaming', () => {
  it('is lazy: the first persons of a million come at once', () => {
    let persons = 0;
    for (const b of generatePopulation({ persons: 1_000_000, seed: 11 }).persons) {
      expect(b.person._id).toMatch(/^\d{11}$/);
      if (++persons === 1_000) break;
    }
    expect(persons).toBe(1_000);
  });

  it(`generates ${STREAMED.toLocaleString('en')} persons one at a time without holding them`, () => {
    const before = process.memoryUsage().heapUsed;
    let persons = 0;
    let documents = 0;
    for (const b of generatePopulation({ persons: STREAMED, seed: 11 }).persons) {
      persons++;
      documents += 1 + b.employments.length + b.quarterlyDeclarations.length + b.unemploymentPayments.length;
    }
    expect(persons).toBe(STREAMED);
    expect(documents).toBeGreaterThan(10 * STREAMED);
    // Holding them would take about 185 MB; streaming stays far below.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(100 * 1024 * 1024);
  }, 60_000);
});
