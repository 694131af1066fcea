/**
 * Saves every citizen page at 390 px (a phone) and 1280 px (a desktop) under screenshots/ (git-ignored).
 * Run: npm run screenshots
 */
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from './chromium';
import { startPagesDemo } from './pages-demo';

const OUT = path.join(__dirname, '..', 'screenshots');

async function main(): Promise<void> {
  const demo = await startPagesDemo();
  const browser = await launchChromium();
  try {
    fs.mkdirSync(OUT, { recursive: true });
    const pages: Record<string, string> = {
      home: '/',
      procedure: `/thu-tuc/${demo.procedureCode}`,
      'tracking-processing': `/tra-cuu/${demo.codes.processing}`,
      'tracking-supplement': `/tra-cuu/${demo.codes.supplement}`,
      'tracking-extended': `/tra-cuu/${demo.codes.extended}`,
      'tracking-returned': `/tra-cuu/${demo.codes.returned}`,
      'not-found': '/tra-cuu/000.00.01.H56-200101-9999',
      submission: `/nop-truc-tuyen/${demo.procedureCode}`,
      supplement: `/bo-sung/${demo.codes.supplement}`,
    };
    for (const width of [390, 1280]) {
      for (const [name, route] of Object.entries(pages)) {
        const page = await browser.page(width);
        await page.goto(`${demo.origin}${route}`);
        const file = path.join(OUT, `${name}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        await page.close();
        console.log(path.relative(process.cwd(), file));
      }
    }
  } finally {
    await browser.close();
    await demo.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
