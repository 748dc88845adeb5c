import { type FieldGrant, type PolicySet } from '../model.js';
import { authorizationFileName } from '../toAuthorization.js';
import { type CaseChange } from './diffCases.js';
import { isNarrowing, isWidening, type AuthorizationDiff, type PolicyChange } from './diffPolicySets.js';
import { describePeriod, describeReach } from './describeChange.js';
import { scopeOf } from './scopeOf.js';

export interface DiffReport {
  /** How the base is named, e.g. `main (1a2b3c4)`. */
  baseName: string;
  /** How the compared side is named, e.g. `the working tree`. */
  headName: string;
  base: PolicySet | undefined;
  head: PolicySet;
  diffs: readonly AuthorizationDiff[];
  caseChanges: readonly CaseChange[];
}

/** A cell of a Markdown table: pipes and line breaks would break the row. */
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
const code = (text: string): string => `\`${text}\``;

/**
 * The impact report: per partner and purpose, what each authorization newly
 * grants or withdraws, then the cases added, removed or changed, as Markdown
 * to paste into a review. Widenings are in bold and counted first: they are
 * what reviewers must check against the deliberation.
 */
export function renderDiffMarkdown(report: DiffReport): string {
  const { diffs, caseChanges } = report;
  const lines: string[] = [`# Policy changes: ${report.baseName} → ${report.headName}`, ''];
  const all = diffs.flatMap((d) => d.changes);
  const widenings = all.filter(isWidening).length;
  const narrowings = all.filter(isNarrowing).length;
  const counted = (kind: CaseChange['change']): number => caseChanges.filter((c) => c.change === kind).length;
  const partnerLines = partnersAndPurposes(report);

  if (diffs.length === 0 && caseChanges.length === 0 && partnerLines.length === 0) {
    lines.push('No change: the same authorizations grant the same data, for the same purposes and periods, with the same cases.', '');
    return lines.join('\n');
  }
  lines.push(
    `${widenings > 0 ? `**${widenings} widening${widenings === 1 ? '' : 's'}**` : 'No widening'}, ` +
      `${narrowings} narrowing${narrowings === 1 ? '' : 's'}; cases: ${counted('added')} added, ${counted('removed')} removed, ${counted('changed')} changed.`,
    '',
    'A **widening** (in bold) gives a partner more than before: a field, a longer reach back in time, days in force, a wider scope. ' +
      '`npm run policies:check` requires an allowed case that exercises each one.',
    '',
  );

  const partnerIds = [...new Set([...diffs.map((d) => d.partner), ...caseChanges.map((c) => partnerOfCasesFile(report, c.file))])].sort();
  for (const partnerId of partnerIds) {
    const partner = report.head.partners.get(partnerId) ?? report.base?.partners.get(partnerId);
    lines.push(`## ${partnerId}${partner ? ` — ${partner.name}` : ''}`, '');
    const own = diffs.filter((d) => d.partner === partnerId);
    for (const purpose of [...new Set(own.map((d) => d.purpose))].sort()) {
      lines.push(`### ${purpose}`, '');
      for (const diff of own.filter((d) => d.purpose === purpose)) lines.push(...renderAuthorization(diff), '');
    }
    const cases = caseChanges.filter((c) => partnerOfCasesFile(report, c.file) === partnerId);
    if (cases.length > 0) {
      lines.push(`### Cases`, '', '| change | file | case | expects |', '| --- | --- | --- | --- |');
      for (const c of cases) lines.push(`| ${c.change} | ${code(c.file)} | ${cell(c.name)} | ${c.expect} |`);
      lines.push('');
    }
  }
  if (partnerLines.length > 0) lines.push('## Partners and purposes', '', ...partnerLines, '');
  return lines.join('\n');
}

function partnerOfCasesFile(report: DiffReport, file: string): string {
  const authorizationFile = file.replace(/\.cases\.yaml$/, '.yaml');
  const find = (set: PolicySet | undefined) => set?.authorizations.find((a) => authorizationFileName(a.id) === authorizationFile);
  return (find(report.head) ?? find(report.base))?.partner ?? '(no authorization)';
}

function renderAuthorization(diff: AuthorizationDiff): string[] {
  const authorization = (diff.head ?? diff.base)!;
  const lines: string[] = [`#### ${diff.id} (${diff.status})`, ''];
  if (diff.status === 'added') {
    const scope = scopeOf(authorization);
    lines.push(
      `New for this purpose: in force ${describePeriod({ from: authorization.validFrom, until: authorization.validUntil })}, ` +
        `scope ${scope.scope}${scope.capacities.length > 0 ? ` (capacities ${scope.capacities.join(', ')})` : ''}. ${cell(authorization.title)}`,
      '',
    );
  } else if (diff.status === 'removed') {
    lines.push('Removed for this purpose: everything it granted is withdrawn.', '');
  }
  lines.push('| change | what | before | after |', '| --- | --- | --- | --- |');
  for (const change of diff.changes) lines.push(renderChange(change));
  return lines;
}

function renderChange(change: PolicyChange): string {
  const label = (word: string): string => (isWidening(change) ? `**${word}**` : word);
  switch (change.kind) {
    case 'field':
      return change.direction === 'granted'
        ? `| ${label('granted')} | ${code(change.coordinate)} | not granted | ${describeGrant(change.grant)} |`
        : `| ${label('withdrawn')} | ${code(change.coordinate)} | ${describeGrant(change.grant)} | not granted |`;
    case 'bound': {
      const what = code(`${change.coordinate}(${change.argument})`);
      if (change.aspect === 'omission') {
        const omit = (o: boolean): string => (o ? 'may be omitted' : 'must be given');
        return `| ${label(change.direction)} | ${what} | ${omit(change.before.omitted)} | ${omit(change.after.omitted)} |`;
      }
      return `| ${label(change.direction)} | ${what} | ${describeReach(change.before)} | ${describeReach(change.after)} |`;
    }
    case 'validity':
      return change.direction === 'widened'
        ? `| ${label('widened')} | validity | not in force | in force ${describePeriod(change.period)} |`
        : `| ${label('narrowed')} | validity | in force ${describePeriod(change.period)} | not in force |`;
    case 'scope':
      return `| ${label(change.direction)} | scope | ${change.before} | ${change.after} |`;
    case 'capacity':
      return change.direction === 'widened'
        ? `| ${label('widened')} | capacity ${code(change.code)} | not reached | reached |`
        : `| ${label('narrowed')} | capacity ${code(change.code)} | reached | not reached |`;
    case 'text':
      return `| text | ${change.what === 'title' ? 'title' : 'legal basis'} | ${cell(change.before)} | ${cell(change.after)} |`;
  }
}

/** `granted`, `granted, whole history`, `granted; from: 36 months back; asOf: today only, may be omitted`. */
export function describeGrant(grant: FieldGrant): string {
  if (grant.history === 'whole') return 'granted, whole history';
  const bounds = Object.entries(grant.arguments ?? {});
  if (bounds.length === 0) return 'granted';
  const parts = bounds.map(
    ([argument, bound]) =>
      `${argument}: ${describeReach({ months: bound.notBeforeMonthsAgo ?? 0, omitted: false })}${bound.allowOmitted ? ', may be omitted' : ''}`,
  );
  return `granted; ${parts.join('; ')}`;
}

function partnersAndPurposes(report: DiffReport): string[] {
  const lines: string[] = [];
  const { base, head } = report;
  const basePartners = base?.partners ?? new Map();
  for (const [id, partner] of head.partners) {
    const was = basePartners.get(id);
    if (!was) lines.push(`- partner ${code(id)} added: ${cell(partner.name)} (${partner.kind})`);
    else if (was.name !== partner.name || was.kind !== partner.kind) {
      lines.push(`- partner ${code(id)} changed: ${cell(was.name)} (${was.kind}) → ${cell(partner.name)} (${partner.kind})`);
    }
  }
  for (const [id, partner] of basePartners) if (!head.partners.has(id)) lines.push(`- partner ${code(id)} removed: ${cell(partner.name)}`);
  const basePurposes = base?.purposes ?? new Map();
  for (const [purposeCode, purpose] of head.purposes) {
    const was = basePurposes.get(purposeCode);
    if (!was) lines.push(`- purpose ${code(purposeCode)} added: ${cell(purpose.description)}`);
    else if (was.description !== purpose.description) {
      lines.push(`- purpose ${code(purposeCode)} now reads: ${cell(purpose.description)} (was: ${cell(was.description)})`);
    }
  }
  for (const purposeCode of basePurposes.keys()) if (!head.purposes.has(purposeCode)) lines.push(`- purpose ${code(purposeCode)} removed`);
  return lines;
}
