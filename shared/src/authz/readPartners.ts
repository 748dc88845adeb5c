import { type Partner, type PartnerKind, type RequestLimits } from './model.js';
import { type PolicyProblem } from './PolicyLoadError.js';
import { didYouMean } from './didYouMean.js';
import { readPolicyYaml } from './readPolicyYaml.js';
import { validateAgainstSchema } from './validateAgainstSchema.js';

interface PartnerEntry {
  id: string;
  name: string;
  kind: PartnerKind;
  issuer: string;
  jwks: { file: string } | { url: string };
  limits?: Partial<RequestLimits>;
  capacities?: string[];
}

/**
 * Reads partners.yaml. Undefined when the file is unusable, so that callers skip
 * partner references instead of reporting every one of them as unknown.
 * The key files are only referenced here, never read: another process owns them.
 */
export function readPartners(dir: string, problems: PolicyProblem[], capacities?: ReadonlySet<string>): Map<string, Partner> | undefined {
  const yaml = readPolicyYaml(dir, 'partners.yaml', problems);
  if (!yaml || !validateAgainstSchema(yaml, 'partners', problems)) return undefined;
  const partners = new Map<string, Partner>();
  (yaml.data as PartnerEntry[]).forEach((entry, index) => {
    const report = (key: string, message: string): void =>
      void problems.push({ file: yaml.file, line: yaml.lineAt([index, key]), message });
    if (partners.has(entry.id)) return report('id', `partner ${entry.id} is declared twice`);
    // Tying the issuer and key file to the id stops one partner's entry from accepting another partner's tokens.
    const issuer = `urn:crossroads:partner:${entry.id}`;
    if (entry.issuer !== issuer) report('issuer', `the issuer of partner ${entry.id} must be ${issuer}; got ${entry.issuer}`);
    const keyFile = `keys/${entry.id}.jwks.json`;
    if ('file' in entry.jwks && entry.jwks.file !== keyFile) {
      report('jwks', `the key file of partner ${entry.id} must be ${keyFile}; got ${entry.jwks.file}`);
    }
    entry.capacities?.forEach((code, position) => {
      if (capacities && !capacities.has(code)) {
        problems.push({
          file: yaml.file,
          line: yaml.lineAt([index, 'capacities', position]),
          message: `unknown capacity ${code}${didYouMean(code, capacities)}; capacities are declared in capacities.yaml`,
        });
      }
    });
    partners.set(entry.id, { ...entry, location: { file: yaml.file, line: yaml.lineAt([index]) } });
  });
  return partners;
}
