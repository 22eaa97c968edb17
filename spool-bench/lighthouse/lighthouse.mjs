// Lighthouse on Spool's signed-in pages, as a user reaches them: one tab with storage kept, so the
// token the dev link leaves in sessionStorage serves every page. Each page gets its own query
// string so that Lighthouse sees a full load, not a same-document hash change.
//
//   npm install && node lighthouse.mjs <server> <token> <batch id> [desktop|mobile]

import puppeteer from 'puppeteer-core';
import { startFlow, desktopConfig } from 'lighthouse';

const [base, token, batch, form = 'mobile'] = process.argv.slice(2);
if (!batch) {
  console.error('usage: node lighthouse.mjs <server> <token> <batch id> [desktop|mobile]');
  process.exit(2);
}
const mobile = form === 'mobile';
const browser = await puppeteer.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--window-size=1350,940'], defaultViewport: null });
const page = await browser.newPage();
await page.goto(`${base}/#token=${token}`);
await page.waitForSelector('#batch-table');
const flags = { disableStorageReset: true, onlyCategories: ['performance', 'accessibility', 'best-practices'] };
const flow = await startFlow(page, { config: mobile ? undefined : desktopConfig, flags });
for (const [name, url] of [['list', `${base}/?list#/`], ['form', `${base}/?form#/new`], ['batch', `${base}/?batch#/batch/${batch}`]]) {
  await flow.navigate(url, { name, flags });
}
const report = await flow.createFlowResult();
for (const step of report.steps) {
  const a = step.lhr.audits['errors-in-console'];
  if (a && a.details && a.details.items) for (const i of a.details.items) console.log('console:', step.name, i.source, i.description, i.url);
}
for (const step of report.steps) {
  const c = step.lhr.categories;
  if (step.lhr.runtimeError) console.log("error", JSON.stringify(step.lhr.runtimeError));
  const cls = step.lhr.audits['cumulative-layout-shift']?.numericValue;
  console.log(`${mobile ? 'mobile' : 'desktop'} ${step.name}: performance ${Math.round(c.performance.score * 100)}, accessibility ${Math.round(c.accessibility.score * 100)}, best practices ${Math.round(c['best-practices'].score * 100)}, CLS ${cls?.toFixed(3)}`);
  for (const [id, a] of Object.entries(step.lhr.audits)) {
    if (a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'notApplicable' && a.scoreDisplayMode !== 'manual') {
      if (['accessibility', 'best-practices'].some((k) => c[k].auditRefs.some((r) => r.id === id && r.weight > 0))) console.log(`   ${id}: ${a.title} (${a.score})`);
    }
  }
}
await browser.close();
