/** Debian's chromium, for the screenshots script and the browser tests alike. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';

// No browser download works here: Debian's chromium, run headless without the sandbox (root in CI).
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Installs a Debian package when its binary is missing, saying so: `npm test` brings its own browser on a
 * fresh machine. Test files run in parallel: one installs while the others wait for it.
 */
export function ensureDebianTool(binary: string, debianPackage: string): void {
  if (fs.existsSync(binary)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`${binary} is missing: install it with "sudo apt-get install -y ${debianPackage}"`);
  }
  withInstallLock(() => {
    if (fs.existsSync(binary)) return;
    console.warn(`${binary} is missing: installing the Debian package ${debianPackage} (apt-get)`);
    const apt = (...args: string[]) =>
      execFileSync('apt-get', args, {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    apt('update');
    apt('install', '-y', '--no-install-recommends', debianPackage);
  });
  if (!fs.existsSync(binary))
    throw new Error(`apt-get installed ${debianPackage} but ${binary} is still missing`);
}

/** How long a set-up step may take that installs a browser on a fresh machine. */
export const INSTALL_TIMEOUT_MS = 15 * 60_000;

function withInstallLock(install: () => void): void {
  const lock = path.join(os.tmpdir(), 'motcua-apt-install.lock');
  const deadline = Date.now() + INSTALL_TIMEOUT_MS;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run is older than any install.
      const since = fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - since > INSTALL_TIMEOUT_MS) {
        fs.rmSync(lock, { recursive: true, force: true });
      } else if (Date.now() > deadline) {
        throw new Error(`another test is still installing with apt-get (${lock})`);
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1_000);
    }
  }
  try {
    install();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export interface Browser {
  /** A new tab of the given width, as a phone (390) or a desktop (1280). */
  page(width?: number): Promise<Page>;
  close(): Promise<void>;
}

/** Debian's chromium with a fresh profile, driven by playwright-core. */
export async function launchChromium(): Promise<Browser> {
  ensureDebianTool(CHROMIUM, 'chromium');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    locale: 'vi-VN',
  });
  return {
    async page(width = 390) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 844 });
      return page;
    },
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
