import { describeError, type Logger } from '../logger.js';

/**
 * Stops a process that cannot start: the reason on stderr as plain text (a
 * configuration error lists every `NAME="value": expected …`; a refused key
 * names the key), in the log as a fatal line when there is a logger (there is
 * none when LOG_LEVEL itself is wrong), and exit status 1.
 */
export function exitOnStartFailure(service: string, error: unknown, logger?: Logger): never {
  const message = error instanceof Error ? error.message : String(error);
  logger?.fatal(describeError(error), `${service} failed to start`);
  process.stderr.write(`${service} refused to start:\n${indent(message)}\n`);
  process.exit(1);
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
