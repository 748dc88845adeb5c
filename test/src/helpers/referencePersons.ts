/** The reference persons every seeded database contains (db/src/seed, docs/data-model.md). */
export const referencePersons = {
  /** Two employments one after the other, unemployed in between with payments in 2024. */
  unemployedBetweenJobs: '85073003328',
  /** Born 2003: the post-2000 check-digit rule; a student job. */
  student: '03021415813',
  /** A bis number: a cross-border worker with one employment. */
  crossBorderWorker: '90451702125',
  /** Died in 2023; no payment after the death date. */
  deceased: '62110309728',
} as const;
