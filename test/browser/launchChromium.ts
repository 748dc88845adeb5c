import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium (installed by `npm test`, db/src/cli/ensure-chromium.ts); never a downloaded browser. */
export const chromiumExecutable = '/usr/bin/chromium';

/**
 * A headless Chromium with a fresh profile of its own. Without the
 * background-networking flags Chromium keeps trying to reach Google's
 * services, whose connections this closed network refuses.
 */
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  if (!fs.existsSync(chromiumExecutable)) {
    throw new Error(`${chromiumExecutable} is missing: run \`node --import tsx db/src/cli/ensure-chromium.ts\` (npm test does).`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumExecutable,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
