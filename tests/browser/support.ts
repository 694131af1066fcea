import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import request from 'supertest';
import type { Page } from 'playwright-core';
import { INSTALL_TIMEOUT_MS, launchChromium, type Browser } from '../../scripts/chromium';
import { accessibilityViolations, ensurePdfRenderer, scrollsSideways } from '../harness/browser';
import { startTestStack, type TestStack } from '../harness/stack';

export interface BrowserSession {
  stack: TestStack;
  browser: Browser;
  /** Where the browser reaches the stack's API and pages. */
  origin: string;
}

/** A test stack served on a real port and Debian's chromium, for the whole test file. */
export function browserSession(): BrowserSession {
  const session = {} as BrowserSession;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ensurePdfRenderer();
    [session.stack, session.browser] = await Promise.all([startTestStack(), launchChromium()]);
    const site = await listen(session.stack);
    session.origin = site.origin;
    close = site.close;
  }, INSTALL_TIMEOUT_MS);
  afterAll(async () => {
    await session.browser?.close();
    await close?.();
    await session.stack?.stop();
  });
  return session;
}

/** The stack's API on a real port, for the browser. */
async function listen(stack: TestStack): Promise<{ origin: string; close: () => Promise<void> }> {
  const server: Server = await new Promise((resolve) => {
    const s = stack.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Bytes of a GET answer (PDFs), with a token when a user is given. */
export async function bytesOf(
  stack: TestStack,
  path: string,
  username?: string,
  headers: Record<string, string> = {},
) {
  const req = request(stack.app).get(path).set(headers);
  if (username) req.set('Authorization', `Bearer ${await stack.login(username)}`);
  const res = await req.buffer(true).parse((r, done) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => done(null, Buffer.concat(chunks)));
  });
  return { status: res.status, type: String(res.headers['content-type']), body: res.body as Buffer };
}

/** What every page owes, checked once the page a form or script posted to has loaded. */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await accessibilityViolations(page)).toEqual([]);
  expect(await scrollsSideways(page)).toBe(false);
}

/**
 * Opens a page and checks what every citizen page owes: no Content-Security-Policy violation, no serious
 * or critical accessibility violation, no sideways scrolling on a phone.
 */
export async function openChecked(page: Page, url: string): Promise<{ status: number }> {
  const blocked: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
  });
  const response = await page.goto(url);
  await expectAccessible(page);
  expect(blocked).toEqual([]);
  return { status: response?.status() ?? 0 };
}
