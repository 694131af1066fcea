import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axe from 'axe-core';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { ensureDebianTool } from '../../scripts/chromium';

const PDFTOPPM = '/usr/bin/pdftoppm';

/** The serious and critical violations axe-core finds on the page (WCAG 2.1 A and AA rules). */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // Through the DevTools protocol, which the page's Content-Security-Policy does not govern.
  await page.evaluate(axe.source);
  // A string: the page's globals are not in this project's (Node) type library.
  const violations = await page.evaluate<{ id: string; impact: string | null; nodes: number }[]>(`axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })))`);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}, ${v.nodes} nodes)`);
}

/** Whether the page scrolls sideways at its current width. */
export function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate<boolean>(
    'document.documentElement.scrollWidth > document.documentElement.clientWidth',
  );
}

/** poppler's pdftoppm, which renders the PDFs whose QR codes the tests read. */
export function ensurePdfRenderer(): void {
  ensureDebianTool(PDFTOPPM, 'poppler-utils');
}

/** The text of the QR code on the first page of a PDF, rendered by poppler's pdftoppm. */
export function qrOfPdf(pdf: Buffer): string {
  ensurePdfRenderer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-pdf-'));
  try {
    fs.writeFileSync(path.join(dir, 'in.pdf'), pdf);
    execFileSync(PDFTOPPM, ['-png', '-r', '150', '-f', '1', '-l', '1', '-singlefile', 'in.pdf', 'page'], {
      cwd: dir,
    });
    const png = PNG.sync.read(fs.readFileSync(path.join(dir, 'page.png')));
    const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    if (!qr) throw new Error('no QR code found on the first page of the PDF');
    return qr.data;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
