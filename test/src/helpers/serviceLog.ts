import fs from 'node:fs';

/** The request ids the sources logged a served call for (one JSON line per call, see createSubgraphServer). */
export function sourcesThatServed(serviceLog: string, requestId: string): string[] {
  const sources: string[] = [];
  for (const line of fs.readFileSync(serviceLog, 'utf8').split('\n')) {
    const [service, json] = line.split(' | ', 2);
    if (!json || service === 'gateway') continue;
    try {
      const entry = JSON.parse(json) as { msg?: string; requestId?: string };
      if (entry.msg === 'call served' && entry.requestId === requestId) sources.push(service!);
    } catch {
      // not a JSON line
    }
  }
  return sources.sort();
}

/** Waits long enough for a source's log line about `requestId` to have been written, had there been a call. */
export const settleLogs = () => new Promise((resolve) => setTimeout(resolve, 300));
