/**
 * Finds Debian's Chromium for browser tests. Without one the tests are skipped with a loud notice, except
 * under CI=true, where .ci/run installs it and a missing browser is a failure.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export function chromiumPath(): string | null {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(p)) ?? null;
  if (!found) {
    if (process.env.CI === 'true') throw new Error('CI=true but no Chromium found at CHROME_PATH or /usr/bin/chromium');
    console.warn('\n*** BROWSER TESTS SKIPPED: no Chromium at CHROME_PATH or /usr/bin/chromium (apt-get install chromium) ***\n');
  }
  return found;
}

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
