// End-to-end walk through the dashboard in Debian's Chromium, driven by playwright-core (no browser
// download). Started by api-gateway's BrowserEndToEndTest against the whole platform in local mode with
// the built-in simulator; can also be run by hand against a running TrendDesk:
//   BASE_URL=http://localhost:8080 SIM_URL=http://localhost:8090 ADMIN_USER=admin ADMIN_PASSWORD=... \
//   SCREENSHOT_DIR=/tmp/shots node e2e/run.mjs
// Each step either passes, fails, or is skipped because the server does not offer an endpoint the step
// needs yet (read from the live /v3/api-docs). The last line is "E2E-RESULT <json>"; exit 1 on any failure.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BASE = required('BASE_URL');
const SIM = process.env.SIM_URL ?? '';
const ADMIN_USER = required('ADMIN_USER');
const ADMIN_PASSWORD = required('ADMIN_PASSWORD');
const SHOTS = process.env.SCREENSHOT_DIR ?? 'e2e-screenshots';
// the id of the node the walk runs against (trenddesk.node.id), for the System page step
const NODE_ID = process.env.NODE_ID ?? '';
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const TRADE_TIMEOUT_MS = Number(process.env.TRADE_TIMEOUT_MS ?? 300000);
const RUN = Date.now().toString(36);
const PASSWORD = 'e2e-password-' + RUN;
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

// axe-core (a devDependency) is evaluated into each page the walk scans; only the WCAG 2.0/2.1/2.2 level A and AA
// rules run, and a violation of impact serious or critical fails the scan step. No rule is disabled.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`missing environment variable ${name}`);
    process.exit(2);
  }
  return value;
}

mkdirSync(SHOTS, { recursive: true });
const apiDocs = await (await fetch(`${BASE}/v3/api-docs`)).json();
const offered = new Set(
  Object.entries(apiDocs.paths ?? {}).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
  ),
);
const results = [];
const contexts = [];
const profiles = [];
const state = {};
// every page scanned: { role, page, width, url, violations } (serious and critical ones fail the scan step)
const scans = [];
// every page seen at phone width: { role, page, scrollWidth, innerWidth, wide } (wide: what sticks out)
const phones = [];

/** A fresh Chromium with its own fresh --user-data-dir: one per person, so cookies never mix. */
async function browserFor(name, viewport = { width: 1366, height: 900 }) {
  const dir = mkdtempSync(join(tmpdir(), `trenddesk-e2e-${name}-`));
  profiles.push(dir);
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport,
    acceptDownloads: true,
    timezoneId: 'Europe/Berlin',
  });
  contexts.push(context);
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(20000);
  page.on('pageerror', (error) => console.log(`[${name}] page error: ${error.message}`));
  return page;
}

async function shot(page, name) {
  // a page's picture once its parts have loaded (or after 10 s, showing what is still loading)
  await page
    .waitForFunction(() => !document.querySelector('.state-loading'), null, { timeout: 10000 })
    .catch(() => undefined);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Waits until a page has rendered its data: no part still loading, and a moment for the last paint. */
async function settle(page) {
  await page
    .waitForFunction(() => !document.querySelector('.state-loading'), null, { timeout: 15000 })
    .catch(() => undefined);
  await page.waitForTimeout(400);
}

function fileName(role, name, suffix) {
  return `${role}-${name}-${suffix}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** axe-core on the page as it is now; the result is kept for the scan step and saved as JSON beside the screenshots. */
async function axeScan(page, role, name, width) {
  await settle(page);
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return {
      url: r.url,
      timestamp: r.timestamp,
      engine: r.testEngine,
      violations: r.violations,
      passes: r.passes.map((p) => p.id),
      // what axe could not decide by itself (e.g. a text's contrast over an overlapping element), to look at
      incomplete: r.incomplete.map((p) => ({
        id: p.id,
        impact: p.impact,
        nodes: p.nodes.map((n) => ({ target: n.target.join(' '), message: n.any.concat(n.all)[0]?.message })),
      })),
    };
  }, AXE_TAGS);
  const violations = result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
  scans.push({ role, page: name, width, url: result.url, violations });
  writeFileSync(
    join(SHOTS, `axe-${fileName(role, name, width)}.json`),
    JSON.stringify({ role, page: name, width, tags: AXE_TAGS, ...result }, null, 2),
  );
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  console.log(
    `axe ${role} ${name} (${width}): ${violations.length} violations, ${serious.length} serious or critical` +
      serious.map((v) => `\n  ${v.impact} ${v.id}: ${v.targets.slice(0, 5).join(' | ')}`).join(''),
  );
}

/** The page at phone width: the page itself must not scroll sideways (a table may, inside its own wrapper). */
async function phoneCheck(page, role, name) {
  await page.setViewportSize(PHONE);
  await settle(page);
  const measured = await page.evaluate(() => {
    const innerWidth = window.innerWidth;
    const clipped = (el) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const x = getComputedStyle(p).overflowX;
        if (x !== 'visible') return true;
      }
      return false;
    };
    const describe = (el) =>
      el.tagName.toLowerCase() +
      (el.id ? `#${el.id}` : '') +
      [...el.classList].map((c) => `.${c}`).join('') +
      ` (right ${Math.round(el.getBoundingClientRect().right)})`;
    const wide = [];
    for (const el of document.body.querySelectorAll('*')) {
      if (wide.length >= 8) break;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > innerWidth + 1 && !clipped(el) && !wide.some((w) => w.el.contains(el))) {
        wide.push({ el, text: describe(el) });
      }
    }
    return {
      scrollWidth: document.scrollingElement.scrollWidth,
      innerWidth,
      wide: wide.map((w) => w.text),
    };
  });
  phones.push({ role, page: name, ...measured });
  await page.screenshot({ path: join(SHOTS, `${fileName('phone', role, name)}.png`), fullPage: true });
  console.log(`phone ${role} ${name}: scrollWidth ${measured.scrollWidth}, innerWidth ${measured.innerWidth}`);
}

/** One page for one role: scanned by axe at desktop width, then seen, pictured and scanned again at phone width. */
async function visit(page, role, name) {
  await page.setViewportSize(DESKTOP);
  await axeScan(page, role, name, 'desktop');
  await phoneCheck(page, role, name);
  await axeScan(page, role, name, 'phone');
  await page.setViewportSize(DESKTOP);
}

/** Opens each page by its URL, waits for its heading, and visits it (above). */
async function tour(page, role, pages) {
  for (const { name, path } of pages) {
    await page.goto(`${BASE}${path}`);
    await page.locator('main h1').first().waitFor();
    await visit(page, role, name);
  }
}

async function step(name, needs, body) {
  const missing = needs.filter((endpoint) => !offered.has(endpoint));
  if (missing.length > 0) {
    results.push({ name, status: 'skipped', detail: `server does not offer ${missing.join(', ')} yet` });
    console.log(`SKIP ${name}: server does not offer ${missing.join(', ')} yet`);
    return false;
  }
  const started = Date.now();
  try {
    await body();
    results.push({ name, status: 'passed', detail: `${Date.now() - started} ms` });
    console.log(`PASS ${name} (${Date.now() - started} ms)`);
    return true;
  } catch (error) {
    results.push({ name, status: 'failed', detail: String(error?.stack ?? error) });
    console.log(`FAIL ${name}: ${error?.stack ?? error}`);
    return false;
  }
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function login(page, username, password) {
  await page.goto(`${BASE}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  try {
    await page.getByTestId('whoami').waitFor();
  } catch (error) {
    // say what the login page showed (a refusal, a server error), not only that the dashboard did not come
    const said = await page
      .getByRole('alert')
      .allInnerTexts()
      .catch(() => []);
    throw new Error(`${username} is not logged in; the page says: ${said.join(' | ') || 'nothing'}\n${error.message}`);
  }
}

async function createUser(page, username, role) {
  await page.getByRole('button', { name: 'Create user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create user' });
  await dialog.getByLabel('Username').fill(username);
  await dialog.getByLabel('E-mail').fill(`${username}@example.com`);
  await dialog.getByLabel('Initial password').fill(PASSWORD);
  await dialog.getByLabel('Role').selectOption(role);
  if (!state.createDialogScanned) {
    state.createDialogScanned = true;
    await axeScan(page, 'admin', 'users, Create user dialog', 'desktop');
  }
  await dialog.getByRole('button', { name: 'Create' }).click();
  await page.getByText(`${username} created.`).waitFor();
  const row = page.locator(`tr[data-username="${username}"]`);
  await row.waitFor();
  return row;
}

/** Follows a link of the main navigation, as a person clicking the menu would. */
async function nav(page, label) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).click();
}

/** Calls the API from inside the page, with the page's own cookies, as a person changing URLs would. */
async function statusFromPage(page, method, path) {
  return page.evaluate(
    async ({ method, path }) => {
      const cookie = document.cookie
        .split(';')
        .map((c) => c.trim())
        .find((c) => c.startsWith('XSRF-TOKEN='));
      const headers = { 'Content-Type': 'application/json' };
      if (cookie) headers['X-XSRF-TOKEN'] = decodeURIComponent(cookie.substring('XSRF-TOKEN='.length));
      const response = await fetch(path, { method, headers, body: method === 'GET' ? undefined : '{}' });
      return response.status;
    },
    { method, path },
  );
}

const admin = await browserFor('admin');
const names = { traderA: `alice-${RUN}`, traderB: `bob-${RUN}`, viewer: `vera-${RUN}`, auditor: `audrey-${RUN}` };

await step('login page and admin login', [], async () => {
  await admin.goto(`${BASE}/`);
  await admin.getByRole('button', { name: 'Log in' }).waitFor();
  await shot(admin, '01-login');
  await admin.getByLabel('Username').fill(ADMIN_USER);
  await admin.getByLabel('Password').fill('wrong password');
  await admin.getByRole('button', { name: 'Log in' }).click();
  await admin.getByRole('alert').getByText('Invalid username or password.').waitFor();
  await login(admin, ADMIN_USER, ADMIN_PASSWORD);
  check(new URL(admin.url()).pathname === '/admin', `admin landed on ${admin.url()}`);
});

await step('admin creates a trader (and the other people of this walk)', ['POST /api/admin/users'], async () => {
  await nav(admin, 'Users');
  await admin.getByRole('heading', { name: 'Users' }).waitFor();
  const rowA = await createUser(admin, names.traderA, 'trader');
  // the checkbox shows the server's state: it turns on once the PATCH has been answered
  await rowA.getByRole('checkbox').click();
  await admin.getByText(`${names.traderA}: trading allowed.`).waitFor();
  await createUser(admin, names.traderB, 'trader');
  await createUser(admin, names.viewer, 'viewer');
  await createUser(admin, names.auditor, 'auditor');
  state.traderAId = await rowA
    .getByRole('link', { name: names.traderA })
    .getAttribute('href')
    .then((h) => h.split('/')[3]);
  check(state.traderAId, 'the id of the new trader is on the page');
  await shot(admin, '02-admin-users');
  // on a phone every user is a card that fits the screen: nothing to scroll sideways, the actions in reach
  await admin.setViewportSize({ width: 390, height: 844 });
  const overflow = await admin.evaluate(() => {
    const region = document.querySelector('[role="region"][aria-label="Users"]');
    return {
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      table: region ? region.scrollWidth - region.clientWidth : -1,
    };
  });
  check(overflow.page <= 0 && overflow.table === 0, `the users page fits a phone (${JSON.stringify(overflow)})`);
  const deactivate = rowA.getByRole('button', { name: 'Deactivate' });
  const box = await deactivate.boundingBox();
  check(
    box && box.x >= 0 && box.x + box.width <= 390,
    `a user's actions are on a phone screen (${JSON.stringify(box)})`,
  );
  await shot(admin, '02b-admin-users-phone');
  await admin.setViewportSize({ width: 1366, height: 900 });
});

const traderA = await browserFor('trader-a');
await step('trader logs in and sees the dashboard', [], async () => {
  await login(traderA, names.traderA, PASSWORD);
  check(new URL(traderA.url()).pathname === '/dashboard', `trader landed on ${traderA.url()}`);
  await traderA.getByRole('heading', { name: 'Dashboard' }).waitFor();
  await shot(traderA, '03-trader-dashboard-new');
});

await step('trader connects simulator keys', ['POST /api/me/bingx', 'GET /api/me/bingx'], async () => {
  check(SIM, 'SIM_URL is needed to create a simulator account');
  const apiKey = `E2EKEY${RUN.toUpperCase()}ABCDEFGHIJ`.substring(0, 32);
  const secretKey = `E2ESECRET${RUN.toUpperCase()}0123456789abcdefghij`.substring(0, 48);
  const created = await fetch(`${SIM}/sim/accounts`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ apiKey, secretKey, balance: '10000' }),
  });
  check(created.status === 201, `simulator account: ${created.status}`);
  await nav(traderA, 'Profile');
  await traderA.getByRole('button', { name: 'Connect BingX' }).click();
  const dialog = traderA.getByRole('dialog', { name: 'Connect BingX' });
  await dialog.getByText('14 days').waitFor();
  await dialog.getByLabel('API key').fill(apiKey);
  await dialog.getByLabel('Secret key').fill(secretKey);
  await dialog.getByRole('button', { name: 'Show' }).click();
  await shot(traderA, '04-connect-bingx-modal');
  await axeScan(traderA, 'trader', 'profile, Connect BingX dialog', 'desktop');
  await dialog.getByRole('button', { name: 'Connect and verify' }).click();
  const result = dialog.getByTestId('connect-result');
  await result.waitFor({ timeout: 30000 });
  const text = await result.innerText();
  if (!/verified/i.test(text)) {
    // verification can take a moment longer than the modal waits: read the card after closing
    await dialog.getByRole('button', { name: 'Done' }).click();
    await traderA.waitForFunction(() => document.body.innerText.includes('VERIFIED'), null, { timeout: 30000 });
  } else {
    await dialog.getByRole('button', { name: 'Done' }).click();
  }
  await traderA.reload();
  await traderA.getByText('VERIFIED').first().waitFor({ timeout: 30000 });
  const page = await traderA.content();
  check(!page.includes(secretKey), 'the secret is never shown again');
  await shot(traderA, '05-profile-connected');
});

await step(
  'trader saves trading settings (the form refuses a value out of range)',
  ['PUT /api/me/settings'],
  async () => {
    await nav(traderA, 'Profile');
    const form = traderA.getByRole('form', { name: 'Trading settings' });
    await form.getByLabel('Leverage (×)').fill('200');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await form.getByText('must be between 1 and 125').waitFor();
    await form.getByLabel('Leverage (×)').fill('5');
    // a keener bot than the defaults, so the walk sees a trade soon
    await form.getByLabel('ADX threshold').fill('15');
    await form.getByLabel('Min. signal confidence').fill('30');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await form.getByText('Settings saved.').waitFor();
    await shot(traderA, '06-profile-settings');
  },
);

await step('trader backtests the saved settings on real ETH-USDT candles', ['POST /api/me/backtest'], async () => {
  await nav(traderA, 'Backtest');
  const form = traderA.getByRole('form', { name: 'Backtest' });
  await form.getByLabel('Data').selectOption('ETH-USDT');
  await traderA.getByRole('button', { name: 'Run backtest' }).click();
  const summary = traderA.getByTestId('backtest-summary');
  await summary.waitFor({ timeout: 60000 });
  check(/580/.test(await summary.textContent()), 'the run went over the 580 shipped candles');
  await traderA.getByRole('img', { name: 'Equity after each trade' }).waitFor();
  await shot(traderA, '06b-backtest');
  await visit(traderA, 'trader', 'backtest with results');
});

await step('trader starts the bot', ['POST /api/me/bot/start', 'GET /api/me/bot'], async () => {
  await nav(traderA, 'Dashboard');
  await traderA.getByRole('button', { name: 'Start bot' }).click();
  await traderA.locator('.bot-card .badge', { hasText: 'RUNNING' }).waitFor({ timeout: 30000 });
  state.botStarted = true;
  await shot(traderA, '07-bot-running');
});

await step(
  'trader sees a trade appear live without reload',
  ['GET /api/me/stream', 'GET /api/me/positions', 'GET /api/me/trades', 'POST /api/me/bot/start'],
  async () => {
    check(state.botStarted, 'needs the running bot');
    await traderA.evaluate(() => {
      window.__e2eNoReload = 'still the same page';
    });
    await traderA.locator('.live-open').waitFor({ timeout: 30000 });
    await traderA.waitForFunction(
      () =>
        document.querySelectorAll('[data-testid="trade-row"]').length > 0 ||
        document.querySelectorAll('[aria-label="Open positions"] tbody tr').length > 0,
      null,
      { timeout: TRADE_TIMEOUT_MS, polling: 500 },
    );
    check((await traderA.evaluate(() => window.__e2eNoReload)) === 'still the same page', 'the page was reloaded');
    await traderA.locator('figure.chart canvas').first().waitFor({ timeout: 30000 });
    const utc = await traderA.locator('time[title$=" UTC"]').count();
    check(utc > 0, 'times offer their UTC value on hover');
    await shot(traderA, '08-trade-live');
    await traderA.setViewportSize({ width: 390, height: 844 });
    await shot(traderA, '09-dashboard-phone');
    await traderA.setViewportSize({ width: 1366, height: 900 });
  },
);

await step('admin sees the trader on the overview and drills down', ['GET /api/admin/overview'], async () => {
  await nav(admin, 'Overview');
  const card = admin.locator(`[data-testid="overview-user"][data-username="${names.traderA}"]`);
  await card.waitFor({ timeout: 30000 });
  if (results.some((r) => r.name.startsWith('trader sees a trade') && r.status === 'passed')) {
    await admin.waitForFunction(
      (username) => {
        const el = document.querySelector(`[data-testid="overview-user"][data-username="${username}"]`);
        if (!el) return false;
        const trades = Number(el.querySelector('[data-testid="user-trades"]')?.textContent ?? '0');
        return trades > 0 || /RUNNING/.test(el.textContent ?? '');
      },
      names.traderA,
      { timeout: 60000 },
    );
  }
  await shot(admin, '10-admin-overview');
  await card.getByRole('link', { name: names.traderA }).click();
  await admin.getByRole('heading', { name: 'Trader dashboard (admin view)' }).waitFor();
  await shot(admin, '11-admin-drilldown');
});

await step(
  'admin opens System and sees this node up and the processors listed',
  ['GET /api/admin/system', 'GET /api/admin/system/stream'],
  async () => {
    await nav(admin, 'System');
    await admin.getByRole('heading', { name: 'System', exact: true }).waitFor();
    const node = NODE_ID
      ? admin.locator(`[data-testid="system-node"][data-node="${NODE_ID}"]`)
      : admin.locator('[data-testid="system-node"]').first();
    await node.waitFor({ timeout: 30000 });
    check(
      (await node.getAttribute('data-status')) === 'UP',
      `node ${NODE_ID} is shown ${await node.getAttribute('data-status')}`,
    );
    await admin.locator('[data-testid="system-processor"]').first().waitFor({ timeout: 30000 });
    const processors = await admin
      .locator('[data-testid="system-processor"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name')));
    check(processors.includes('users'), `the processors listed are ${processors.join(', ')}`);
    await admin.locator('.live-open').waitFor({ timeout: 30000 });
    await shot(admin, '11b-admin-system');
    await admin.setViewportSize({ width: 390, height: 844 });
    await shot(admin, '11c-admin-system-phone');
    await admin.setViewportSize({ width: 1366, height: 900 });
  },
);

const traderB = await browserFor('trader-b');
await step("a second trader cannot reach the first trader's pages or data by changing URLs", [], async () => {
  check(state.traderAId, 'needs the first trader');
  await login(traderB, names.traderB, PASSWORD);
  for (const path of [
    `/users/${state.traderAId}/dashboard`,
    `/admin/users/${state.traderAId}/dashboard`,
    '/admin/users',
    '/audit',
  ]) {
    await traderB.goto(`${BASE}${path}`);
    await traderB.getByTestId('not-found').waitFor();
    const text = await traderB.locator('main').innerText();
    check(!text.includes(names.traderA), `${path} shows nothing of ${names.traderA}`);
  }
  await shot(traderB, '12-second-trader-not-found');
  for (const part of ['dashboard', 'positions', 'trades', 'signals', 'alerts', 'stream', 'bot']) {
    const status = await statusFromPage(traderB, 'GET', `/api/users/${state.traderAId}/${part}`);
    check(status === 404, `GET /api/users/{A}/${part} answered ${status}, not 404`);
  }
  const admins = await statusFromPage(traderB, 'GET', `/api/admin/users/${state.traderAId}`);
  check(admins === 403, `GET /api/admin/users/{A} answered ${admins}, not 403`);
  const stop = await statusFromPage(traderB, 'POST', `/api/admin/users/${state.traderAId}/bot/stop`);
  check(stop === 403, `POST /api/admin/users/{A}/bot/stop answered ${stop}, not 403`);
});

const viewer = await browserFor('viewer');
await step(
  'a viewer sees the granted dashboard read-only',
  ['PUT /api/admin/users/{viewerId}/grants/{traderId}'],
  async () => {
    check(state.traderAId, 'needs the first trader');
    await admin.goto(`${BASE}/admin/users`);
    const row = admin.locator(`tr[data-username="${names.viewer}"]`);
    await row.getByRole('button', { name: /Grants/ }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel(names.traderA).click();
    await admin.waitForFunction(
      (name) => /Grants \(1\)/.test(document.querySelector(`tr[data-username="${name}"]`)?.textContent ?? ''),
      names.viewer,
    );
    await axeScan(admin, 'admin', 'users, Grants dialog', 'desktop');
    await admin.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await login(viewer, names.viewer, PASSWORD);
    check(new URL(viewer.url()).pathname === '/viewer', `viewer landed on ${viewer.url()}`);
    await viewer.getByTestId('granted-card').first().waitFor();
    await shot(viewer, '13-viewer-home');
    await viewer.getByRole('link', { name: 'Open dashboard' }).first().click();
    await viewer.getByRole('heading', { name: 'Dashboard (read-only)' }).waitFor();
    await viewer.getByText('Read-only view.').waitFor();
    await viewer.locator('.live-open').waitFor({ timeout: 30000 });
    await viewer.locator('figure.chart canvas').first().waitFor({ timeout: 30000 });
    check(
      (await viewer.getByRole('button', { name: /Start bot|Pause|Stop|Resume/ }).count()) === 0,
      'no bot controls for a viewer',
    );
    await shot(viewer, '14-viewer-dashboard');
    const stop = await statusFromPage(viewer, 'POST', `/api/admin/users/${state.traderAId}/bot/stop`);
    check(stop === 403, `viewer POST bot/stop answered ${stop}, not 403`);
    const settings = await statusFromPage(viewer, 'PUT', '/api/me/settings');
    check(settings === 403, `viewer PUT /api/me/settings answered ${settings}, not 403`);
  },
);

const auditor = await browserFor('auditor');
await step(
  'an auditor reads the log newest first by username, opens details and exports it',
  ['GET /api/audit/events', 'GET /api/audit/export', 'GET /api/audit/verify', 'GET /api/audit/users/{id}/replay'],
  async () => {
    await login(auditor, names.auditor, PASSWORD);
    check(new URL(auditor.url()).pathname === '/audit', `auditor landed on ${auditor.url()}`);
    await auditor.getByTestId('audit-row').first().waitFor({ timeout: 30000 });
    await auditor.getByTestId('chain-status').waitFor();
    await shot(auditor, '15-audit');

    // newest first, market data hidden (its box unchecked) by default
    const seqs = async () =>
      auditor.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-seq'))));
    const newest = await seqs();
    check(newest.length > 1, `the first page has ${newest.length} rows`);
    check(
      newest.every((seq, i) => i === 0 || seq < newest[i - 1]),
      `the rows are newest first: ${newest.slice(0, 5).join(', ')}…`,
    );
    const marketRows = await auditor.evaluate(
      async () => (await (await fetch('/api/audit/events?category=market&limit=500')).json()).entries.length,
    );
    check(
      !(await auditor.getByRole('checkbox', { name: 'Market data' }).isChecked()),
      'market data is unchecked by default',
    );
    check(
      (await auditor.getByTestId('audit-row').filter({ hasText: 'CandleClosed' }).count()) === 0,
      'no market event on the default page',
    );
    const oldestSeq = await auditor.evaluate(
      async () => (await (await fetch('/api/audit/events?order=oldest&limit=1')).json()).entries[0].seq,
    );
    check(newest[0] > oldestSeq, `the page opens on the newest rows, not the oldest (${newest[0]}, ${oldestSeq})`);
    console.log(`audit: newest row ${newest[0]}, ${marketRows} market rows hidden`);

    // a user filter by username: the rows name the user, and the URL carries the filter
    await auditor.locator('input[name="user"]').fill(names.traderA);
    await auditor.getByRole('button', { name: 'Search' }).click();
    await auditor.waitForFunction((name) => new URL(location.href).searchParams.get('user') === name, names.traderA);
    const onlyTraderA = async () => {
      await auditor.waitForFunction(
        (name) => {
          const rows = [...document.querySelectorAll('[data-testid="audit-row"]')];
          return rows.length > 0 && rows.every((r) => r.textContent.includes(name));
        },
        names.traderA,
        { timeout: 30000 },
      );
      const named = auditor.getByTestId('username').filter({ hasText: names.traderA }).first();
      check((await named.getAttribute('title')) === state.traderAId, 'the username has the user id in its title');
    };
    await onlyTraderA();
    const filtered = auditor.url();
    await auditor.reload();
    await onlyTraderA();
    check(auditor.url() === filtered, `the reloaded URL is ${auditor.url()}`);
    check(
      (await auditor.locator('input[name="user"]').inputValue()) === names.traderA,
      'the reloaded page shows the user filter',
    );

    // the details open beside the list, close with Escape and with Close; on a phone they overlay
    const panel = auditor.getByTestId('audit-panel');
    await auditor.getByRole('button', { name: 'Show' }).first().click();
    await panel.waitFor();
    const list = await auditor.locator('.audit-list').boundingBox();
    const beside = await panel.boundingBox();
    check(beside.x >= list.x + list.width - 1, `the panel is beside the list (${beside.x} vs ${list.x + list.width})`);
    check(beside.y < 900, 'the panel opens on screen');
    await shot(auditor, '15b-audit-details');
    await axeScan(auditor, 'auditor', 'audit log, event details', 'desktop');
    await auditor.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await auditor.getByRole('button', { name: 'Show' }).first().click();
    await panel.getByRole('button', { name: 'Close event details' }).click();
    await panel.waitFor({ state: 'detached' });
    await auditor.setViewportSize({ width: 390, height: 844 });
    await auditor.getByRole('button', { name: 'Show' }).first().click();
    const overlay = await panel.boundingBox();
    check(overlay.x <= 1 && overlay.width >= 388, `the panel overlays a phone screen (${JSON.stringify(overlay)})`);
    await shot(auditor, '15c-audit-details-phone');
    await axeScan(auditor, 'auditor', 'audit log, event details', 'phone');
    await auditor.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await auditor.setViewportSize({ width: 1366, height: 900 });
    const [download] = await Promise.all([
      auditor.waitForEvent('download'),
      auditor.getByTestId('export-ndjson').click(),
    ]);
    // the replay of the trader: from the audit page, one step on with the arrow key, the URL following
    await auditor.getByTestId('replay-link').click();
    await auditor.getByLabel('Trader (username or id)').fill(names.traderA);
    await auditor.getByRole('button', { name: 'Replay', exact: true }).click();
    await auditor.getByTestId('replay-state').waitFor();
    const stepOf = () => new URL(auditor.url()).searchParams.get('step');
    await auditor.waitForFunction(() => new URL(location.href).searchParams.get('step') !== null);
    const firstStep = stepOf();
    await auditor.keyboard.press('ArrowRight');
    await auditor.waitForFunction((was) => new URL(location.href).searchParams.get('step') !== was, firstStep);
    check(Number(stepOf()) > Number(firstStep), `the replay stepped on from ${firstStep} to ${stepOf()}`);
    await shot(auditor, '15d-audit-replay');
    await auditor.goto(`${BASE}/audit`);
    const file = await download.path();
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    check(lines.length > 0, 'the export has rows');
    const first = JSON.parse(lines[0]);
    check(typeof first === 'object' && first !== null, 'each line is a JSON object');
    check(
      lines.some((l) => l.includes(names.traderA)),
      `the export mentions ${names.traderA}`,
    );
  },
);

await step('each role visits every page of its menu, at desktop and at phone width', [], async () => {
  check(state.traderAId, 'needs the first trader');
  const anonymous = await browserFor('anonymous');
  await anonymous.goto(`${BASE}/login`);
  await anonymous.getByRole('button', { name: 'Log in' }).waitFor();
  await visit(anonymous, 'anonymous', 'login');
  // every page of each role's main menu, its profile, and the pages the walk reaches by a link or a URL
  const menu = async (page) =>
    page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => ({ name: a.textContent.trim(), path: new URL(a.href).pathname })));
  await tour(admin, 'admin', [
    ...(await menu(admin)),
    { name: 'trader dashboard (admin view)', path: `/admin/users/${state.traderAId}/dashboard` },
  ]);
  await tour(traderA, 'trader', await menu(traderA));
  await tour(traderB, 'trader', [{ name: 'page not found', path: `/users/${state.traderAId}/dashboard` }]);
  await tour(viewer, 'viewer', [
    ...(await menu(viewer)),
    { name: 'granted dashboard', path: `/users/${state.traderAId}/dashboard` },
  ]);
  await tour(auditor, 'auditor', [
    ...(await menu(auditor)),
    { name: 'replay of a trader', path: `/audit/replay?user=${names.traderA}` },
  ]);
  console.log(`visited ${phones.length} pages, made ${scans.length} axe scans`);
});

await step('logout ends the session', [], async () => {
  await traderB.getByRole('button', { name: 'Log out' }).click();
  await traderB.getByText('You are logged out.').waitFor();
  const status = await traderB.evaluate(async () => (await fetch('/api/me')).status);
  check(status === 401, `after logout /api/me answered ${status}`);
  await visit(traderB, 'anonymous', 'logged out');
});

await step('every page fits a phone screen: the page never scrolls sideways', [], async () => {
  check(phones.length > 0, 'no page was seen at phone width');
  const wide = phones.filter((p) => p.scrollWidth > p.innerWidth + 1);
  check(
    wide.length === 0,
    `${wide.length} of ${phones.length} pages scroll sideways on a phone:\n` +
      wide
        .map((p) => `${p.role} ${p.page}: ${p.scrollWidth} > ${p.innerWidth}; sticking out: ${p.wide.join(', ')}`)
        .join('\n'),
  );
  console.log(`${phones.length} pages fit a ${PHONE.width} px wide phone`);
});

await step('every page passes an axe-core scan with no serious or critical violation', [], async () => {
  check(scans.length > 0, 'no page was scanned');
  const serious = scans.flatMap((s) =>
    s.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${s.role} ${s.page} (${s.width}): ${v.impact} ${v.id} (${v.help}) at ${v.targets.join(' | ')}`),
  );
  check(
    serious.length === 0,
    `${serious.length} serious or critical violations in ${scans.length} scans:\n${serious.join('\n')}`,
  );
  const minor = scans.reduce((n, s) => n + s.violations.length, 0);
  console.log(
    `axe: ${scans.length} scans of ${phones.length} pages, 0 serious or critical, ${minor} minor or moderate`,
  );
});

for (const context of contexts) await context.close().catch(() => undefined);
for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
const failed = results.filter((r) => r.status === 'failed').length;
console.log(`E2E-RESULT ${JSON.stringify({ steps: results })}`);
console.log(
  `${results.filter((r) => r.status === 'passed').length} passed, ${failed} failed, ${results.filter((r) => r.status === 'skipped').length} skipped`,
);
process.exit(failed > 0 ? 1 : 0);
