/**
 * The documents every system under test is asked, and the subgraph calls the
 * gateway's query plan makes for them (checked with @apollo/query-planner:
 * one fetch from persons, then employment and unemployment `_entities` in parallel).
 */

const personFields = `name { lastName firstNames } address { street houseNumber postalCode municipality }`;
const employmentFields = `employments { employer { name } jointCommittee { code name { nl fr } } startDate endDate }`;
const unemploymentFields = `unemploymentPayments(from: "2024-01-01", to: "2024-12-31") { month daysCompensated grossAmountCents payingOrganisation { name } }`;

/** The README's first query: one person, three sources. */
export const SINGLE_QUERY = `query Person($ssin: SSIN!) { person(ssin: $ssin) { ${personFields} ${employmentFields} ${unemploymentFields} } }`;

/** The same fields for many persons at once. */
export const BULK_QUERY = `query Persons($ssins: [SSIN!]!) { persons(ssins: $ssins) { ${personFields} ${employmentFields} ${unemploymentFields} } }`;

/** What the plan sends to each subgraph: the floor sends exactly these. */
export const floorQueries = {
  person: `query($ssin:SSIN!){person(ssin:$ssin){__typename ssin ${personFields}}}`,
  persons: `query($ssins:[SSIN!]!){persons(ssins:$ssins){__typename ssin ${personFields}}}`,
  employment: `query($representations:[_Any!]!){_entities(representations:$representations){...on Person{${employmentFields}}}}`,
  unemployment: `query($representations:[_Any!]!){_entities(representations:$representations){...on Person{${unemploymentFields}}}}`,
};
