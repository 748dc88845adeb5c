// `npm run policies:reload [-- --state FILE]`: every service of the stack `npm start` runs reloads the policy set.
import { parseArgs } from 'node:util';
import { formatReloadResults, reloadPolicies } from './reloadPolicies.js';
import { DEFAULT_STACK_STATE_FILE, readStackState } from './stackState.js';

const usage = `npm run policies:reload [-- --state FILE] [--timeout SECONDS]

Asks every service of the local stack (as npm start recorded it in
.data/stack.json) to read the policy set again, as kill -HUP does, waits for
each to report, and prints per service whether it loaded the new set or
refused it, with every problem as file:line: message. A refused set leaves the
previous one in force. Exit status 0 when every service loaded the new set,
1 when any refused it or did not answer, 2 when there is no stack to ask.
`;

let values;
try {
  ({ values } = parseArgs({
    options: {
      state: { type: 'string', default: DEFAULT_STACK_STATE_FILE },
      timeout: { type: 'string', default: '15' },
      help: { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n\n${usage}`);
  process.exit(2);
}
if (values.help) {
  process.stdout.write(usage);
  process.exit(0);
}
const timeoutSeconds = Number(values.timeout);
if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > 600) {
  process.stderr.write('--timeout takes a whole number of seconds from 1 to 600.\n');
  process.exit(2);
}

let state;
try {
  state = readStackState(values.state);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}
const { text, ok } = formatReloadResults(await reloadPolicies(state, { timeoutMs: timeoutSeconds * 1000 }));
(ok ? process.stdout : process.stderr).write(text);
process.exit(ok ? 0 : 1);
