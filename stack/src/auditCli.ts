// `npm run audit -- …`: the audit trail's maintenance commands (shared/src/audit/cli/audit.ts). Run beside a local
// stack (`npm start`), verify and archive find its database, witness file and development key by themselves.
import { localStackEnvironment } from './localStackEnvironment.js';
import { DEFAULT_STACK_STATE_FILE } from './stackState.js';

const command = process.argv[2];
if (command === 'verify' || command === 'archive') {
  const found = localStackEnvironment(DEFAULT_STACK_STATE_FILE, process.env);
  for (const [name, value] of Object.entries(found.env)) process.env[name] ??= value;
  if (found.note) process.stderr.write(`${found.note}\n`);
}
await import('@crossroads/shared/audit-cli');
