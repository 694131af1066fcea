/**
 * Saves every citizen page and the leaders' dashboard at 390 px (a phone) and 1280 px (a desktop) under
 * screenshots/ (git-ignored).
 * Run: npm run screenshots
 */
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from './chromium';
import type { Page } from 'playwright-core';
import { startPagesDemo, type PagesDemo } from './pages-demo';

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
      // The receipt's QR: the page posts the code from the fragment and shows the holder's view.
      'holder-returned': `/tra-cuu/${demo.codes.returned}#ma=${demo.accessCode}`,
      'holder-supplement': `/tra-cuu/${demo.codes.supplement}#ma=${demo.accessCode}`,
      rating: `/tra-cuu/${demo.codes.returned}/danh-gia`,
      'not-found': '/tra-cuu/000.00.01.H56-200101-9999',
      'dashboard-login': '/quan-ly/dang-nhap',
      submission: `/nop-truc-tuyen/${demo.procedureCode}`,
      supplement: `/bo-sung/${demo.codes.supplement}`,
      feedback: '/phan-anh',
      'feedback-follow': `/phan-anh/${demo.feedbackCode}`,
      'feedback-answered': `/phan-anh/${demo.feedbackCode}#ma=${demo.accessCode}`,
    };
    const signedIn: Record<string, string> = {
      dashboard: `/quan-ly?from=${demo.month.from}&to=${demo.month.to}`,
    };
    await signIn(await browser.page(), demo);
    for (const width of [390, 1280]) {
      for (const [name, route] of Object.entries({ ...pages, ...signedIn })) {
        const page = await browser.page(width);
        await page.goto(`${demo.origin}${route}`);
        if (route.includes('#ma='))
          await page.locator(route.startsWith('/phan-anh') ? '#tra-loi' : '#viec-lam').waitFor();
        if (name in signedIn) await page.waitForFunction('document.querySelector(".chart canvas")');
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

/** The browser profile keeps the session cookie for the dashboard pages; the login page is shot first. */
async function signIn(page: Page, demo: PagesDemo): Promise<void> {
  await page.goto(`${demo.origin}/quan-ly/dang-nhap`);
  await page.getByLabel('Tên đăng nhập').fill(demo.staff.username);
  await page.getByLabel('Mật khẩu').fill(demo.staff.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(`${demo.origin}/quan-ly`);
  await page.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
