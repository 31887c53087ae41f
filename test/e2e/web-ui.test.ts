import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN, ApiSeeder, ensureWebBuild, launchChromium, startServer, type RunningServer, screenshot } from './support';

/**
 * The analysts' UI in headless Chromium against the real server on SQLite: sign in, create a
 * project with a task and a dataset, live updates in a second member's browser, a viewer
 * who cannot edit, a non-member who gets "not found", sign out. Screenshots of each page go
 * to test-results/web/.
 */
// Page-side callbacks run in the browser (this file is type-checked without the DOM lib).
declare const document: any;
declare const window: any;

const PASSWORD = 'correct-horse-battery-9';
const PEOPLE = {
  alice: { email: 'alice@example.com', role: 'analyst' },
  bob: { email: 'bob@example.com', role: 'analyst' },
  vic: { email: 'vic@example.com', role: 'viewer' },
  mallory: { email: 'mallory@example.com', role: 'analyst' },
} as const;
type Person = keyof typeof PEOPLE;

let server: RunningServer;
let browser: Browser;
const ids: Record<Person, number> = { alice: 0, bob: 0, vic: 0, mallory: 0 };
const contexts: BrowserContext[] = [];
let projectId = 0;

/** Waits until the named control is marked invalid (by the API's answer). */
async function fieldMarkedInvalid(page: Page, name: string): Promise<void> {
  await page.waitForFunction((n: string) => document.querySelector(`[name="${n}"]`)?.getAttribute('aria-invalid') === 'true', name);
}

/** The text of what a control's aria-describedby points at: its description and error. */
async function describedText(page: Page, control: ReturnType<Page['getByLabel']>): Promise<string> {
  const ids = ((await control.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

async function newPage(viewport = { width: 1280, height: 860 }): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url, viewport });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return page;
}

async function signIn(page: Page, who: Person, next = '/'): Promise<void> {
  await page.goto(next);
  await page.getByRole('heading', { name: 'Sign in to datavis' }).waitFor();
  await page.getByLabel('Email', { exact: true }).fill(PEOPLE[who].email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

beforeAll(async () => {
  ensureWebBuild();
  server = await startServer({ LOGIN_MAX_FAILURES: '3' });
  browser = await launchChromium();
  const admin = new ApiSeeder(server.url);
  await admin.login(ADMIN.email, ADMIN.password);
  for (const [who, p] of Object.entries(PEOPLE) as [Person, (typeof PEOPLE)[Person]][]) {
    const user = await admin.call<{ id: number }>('POST', '/api/users', { email: p.email, password: PASSWORD, role: p.role });
    ids[who] = user.id;
  }
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

describe('web UI end to end', () => {
  let alice: Page;

  it('makes no failing request and logs no console error on a signed-out first visit', async () => {
    const page = await newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.method()} ${request.url()}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} for ${response.request().method()} ${response.url()}`);
    });
    const restored = page.waitForResponse((r) => r.url().endsWith('/api/auth/refresh'));
    await page.goto('/');
    await page.getByRole('heading', { name: 'Sign in to datavis' }).waitFor();
    // The session check ran, and said "no session" without an error status.
    expect((await restored).status()).toBe(204);
    await page.waitForLoadState('networkidle');
    expect(problems).toEqual([]);
  });

  it('serves the app shell with cache headers that keep /api JSON', async () => {
    const index = await fetch(`${server.url}/projects/1`, { headers: { accept: 'text/html' } });
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const js = await fetch(`${server.url}${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const unknownApi = await fetch(`${server.url}/api/no-such-thing`, { headers: { accept: 'text/html' } });
    expect(unknownApi.status).toBe(404);
    expect(await unknownApi.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    const missingAsset = await fetch(`${server.url}/assets/missing-0000.js`);
    expect(missingAsset.status).toBe(404);
  });

  it('signs in, showing the error for a wrong password first', async () => {
    alice = await newPage();
    await alice.goto('/');
    await alice.getByRole('heading', { name: 'Sign in to datavis' }).waitFor();
    await screenshot(alice, '01-sign-in');
    await alice.getByLabel('Email', { exact: true }).fill(PEOPLE.alice.email);
    await alice.getByLabel('Password', { exact: true }).fill('not the password');
    await alice.getByRole('button', { name: 'Sign in' }).click();
    expect(await alice.getByRole('alert').textContent()).toBe('The email or password is not correct.');
    await alice.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await alice.getByRole('button', { name: 'Sign in' }).click();
    await alice.getByRole('heading', { name: 'Dashboard', exact: true }).waitFor();
    await alice.locator('section.page[data-state="ready"]').waitFor();
    expect(await alice.getByTestId('total-projects').textContent()).toBe('0');
    // Nothing to count: every overview chart says "No data" instead of drawing zeros.
    await alice.locator('figure.chart-card[data-state="empty"]').nth(2).waitFor();
    expect(await alice.locator('.chart canvas').count()).toBe(0);
    await screenshot(alice, '02-dashboard-empty');
    // The refresh token lives only in an HttpOnly cookie scoped to /api/auth.
    const cookies = await alice.context().cookies();
    const refresh = cookies.find((c) => c.path === '/api/auth');
    expect(refresh).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(await alice.evaluate(() => document.cookie)).toBe('');
    expect(await alice.evaluate(() => window.localStorage.length + window.sessionStorage.length)).toBe(0);
  });

  it('creates a project from the projects page', async () => {
    await alice.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).click();
    await alice.getByText('No projects yet. Create the first one.').waitFor();
    await screenshot(alice, '03-projects-empty');
    await alice.getByRole('button', { name: 'New project' }).click();
    const dialog = alice.getByRole('dialog');
    await dialog.getByLabel('Name', { exact: true }).fill('Churn analysis');
    await dialog.getByLabel('Description', { exact: true }).fill('Weekly churn scoring for the retention team');
    await dialog.getByRole('button', { name: 'Create project' }).click();
    await alice.getByRole('heading', { name: 'Churn analysis', level: 1 }).waitFor();
    projectId = Number(/\/projects\/(\d+)/.exec(alice.url())?.[1]);
    expect(projectId).toBeGreaterThan(0);
    expect(await alice.getByTestId('project-access').textContent()).toBe('owner');
  });

  it('adds a task, and a dataset after fixing the field the API rejected', async () => {
    await alice.getByRole('button', { name: 'Add task' }).click();
    let dialog = alice.getByRole('dialog');
    await dialog.getByLabel('Title', { exact: true }).fill('Score customers');
    // Code tasks name a file of the project (runs-ui.test.ts covers them); this one is manual.
    await dialog.getByRole('button', { name: /Kind/ }).click();
    await alice.getByRole('option', { name: 'Manual' }).click();
    await dialog.getByRole('button', { name: 'Add task' }).click();
    await dialog.waitFor({ state: 'detached' });
    await alice.getByTestId('tasks-table').getByText('Score customers').waitFor();

    await alice.getByRole('button', { name: 'Register dataset' }).click();
    dialog = alice.getByRole('dialog');
    await dialog.getByLabel('Name', { exact: true }).fill('customers');
    await dialog.getByLabel('URI', { exact: true }).fill('not a uri');
    await dialog.getByLabel('Size (bytes)', { exact: true }).fill('1048576');
    await dialog.getByRole('button', { name: /Format/ }).click();
    await alice.getByRole('option', { name: 'Csv' }).click();
    await dialog.getByRole('button', { name: 'Add dataset' }).click();
    // The server's validation message shows next to the URI field.
    const uri = dialog.getByLabel('URI', { exact: true });
    await fieldMarkedInvalid(alice, 'uri');
    expect(await describedText(alice, uri)).toMatch(/format/i);
    await screenshot(alice, '04-dataset-field-error');
    await uri.fill('s3://lake/customers/');
    await dialog.getByRole('button', { name: 'Add dataset' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = alice.getByTestId('datasets-table').getByRole('row', { name: /customers/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('1 MB');
    expect(await row.textContent()).toContain('csv');
  });

  it('adds an editor and a viewer from the members panel', async () => {
    for (const [who, role] of [
      ['bob', 'Editor'],
      ['vic', 'Viewer'],
    ] as const) {
      await alice.getByRole('button', { name: 'Add member' }).click();
      const dialog = alice.getByRole('dialog');
      await dialog.getByLabel('User id', { exact: true }).fill(String(ids[who]));
      if (role === 'Editor') {
        await dialog.getByRole('button', { name: /Role/ }).click();
        await alice.getByRole('option', { name: 'Editor' }).click();
      }
      await dialog.getByRole('button', { name: 'Add member' }).click();
      await dialog.waitFor({ state: 'detached' });
      await alice.getByTestId('members').getByRole('rowheader', { name: PEOPLE[who].email }).waitFor();
    }
    await screenshot(alice, '05-project-detail-owner');
  });

  // How fast the change shows is measured by `npm run bench:web` (docs/benchmarks.md), not here.
  it('shows a change to another member’s open project page and dashboard without a reload', async () => {
    const bob = await signInAndOpen('bob', `/projects/${projectId}`);
    await bob.getByRole('heading', { name: 'Churn analysis', level: 1 }).waitFor();
    expect(await bob.getByTestId('project-access').textContent()).toBe('editor');
    expect(await bob.getByRole('button', { name: 'Delete project' }).count()).toBe(0);

    const bobDash = await bob.context().newPage();
    await bobDash.goto('/');
    await bobDash.locator('section.page[data-state="ready"]').waitFor();
    await bobDash.waitForFunction(() => !document.querySelector('[data-testid="live-banner"]'));

    // Alice adds a task; Bob's project page and dashboard show it without reloading (a reload
    // would drop this marker).
    for (const page of [bob, bobDash]) await page.evaluate(() => (window.notReloaded = true));
    await alice.getByRole('button', { name: 'Add task' }).click();
    const dialog = alice.getByRole('dialog');
    await dialog.getByLabel('Title', { exact: true }).fill('Retrain model');
    await dialog.getByRole('button', { name: /Kind/ }).click();
    await alice.getByRole('option', { name: 'Manual' }).click();
    const created = alice.waitForResponse((r) => r.url().endsWith(`/api/projects/${projectId}/tasks`) && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: 'Add task' }).click();
    expect((await created).status()).toBe(201);
    await bob.getByTestId('tasks-table').getByText('Retrain model').waitFor();
    await bobDash
      .getByTestId('activity-feed')
      .getByText(/Task “Retrain model” created in Churn analysis/)
      .waitFor();
    // The totals come from the summary the dashboard refetches (debounced) after the event.
    await bobDash.waitForFunction(() => document.querySelector('[data-testid="total-tasks"]')?.textContent === '2');
    for (const page of [bob, bobDash]) expect(await page.evaluate(() => window.notReloaded)).toBe(true);
    await bobDash.locator('.chart canvas').first().waitFor();
    await screenshot(bob, '06-project-detail-editor-live');
    await screenshot(bobDash, '07-dashboard-live');
  });

  it('gives a viewer member a read-only project page, also at phone width', async () => {
    const vic = await signInAndOpen('vic', `/projects/${projectId}`, { width: 390, height: 844 });
    await vic.getByRole('heading', { name: 'Churn analysis', level: 1 }).waitFor();
    await vic.getByTestId('tasks-table').getByText('Score customers').waitFor();
    expect(await vic.getByTestId('project-access').textContent()).toBe('viewer');
    for (const name of ['Add task', 'Register dataset', 'Upload dataset', 'Edit project', 'Delete project', 'Add member']) {
      expect(await vic.getByRole('button', { name }).count()).toBe(0);
    }
    expect(await vic.getByText('view only').count()).toBeGreaterThan(0);
    // Nothing overflows the phone's width except inside the scrollable tables.
    const overflow: number = await vic.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(vic, '08-project-detail-viewer-phone');
  });

  it('tells a non-member the project is not found', async () => {
    const mallory = await signInAndOpen('mallory', `/projects/${projectId}`);
    const alert = mallory.getByRole('alert');
    await alert.getByRole('heading', { name: 'Not found' }).waitFor();
    expect(await alert.textContent()).toMatch(/may not have access/);
    expect(await mallory.getByText('Churn analysis').count()).toBe(0);
    await screenshot(mallory, '09-project-not-found');
    await mallory.goto('/users');
    await mallory.getByRole('heading', { name: 'Not allowed' }).waitFor();
    expect(await mallory.getByRole('link', { name: 'Users' }).count()).toBe(0);
  });

  it('lets an admin manage users', async () => {
    const admin = await newPage();
    await admin.goto('/users');
    await admin.getByLabel('Email', { exact: true }).fill(ADMIN.email);
    await admin.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.getByRole('heading', { name: 'Users' }).waitFor();
    await admin.getByTestId('users-table').getByRole('rowheader', { name: PEOPLE.mallory.email }).waitFor();
    await admin.getByRole('button', { name: 'New user' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('Email', { exact: true }).fill('new.analyst@example.com');
    await dialog.getByLabel('Initial password', { exact: true }).fill('short');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await fieldMarkedInvalid(admin, 'password');
    expect(await describedText(admin, dialog.getByLabel('Initial password', { exact: true }))).toMatch(/at least 12 characters/);
    await screenshot(admin, '10-users-weak-password');
    await dialog.getByLabel('Initial password', { exact: true }).fill('a-much-longer-password');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await dialog.waitFor({ state: 'detached' });
    await admin.getByTestId('users-table').getByRole('rowheader', { name: 'new.analyst@example.com' }).waitFor();
    await screenshot(admin, '11-users');
  });

  it('signs out, revoking the refresh token', async () => {
    const before = (await alice.context().cookies()).find((c) => c.path === '/api/auth');
    expect(before).toBeDefined();
    await alice.getByRole('button', { name: 'Sign out' }).click();
    await alice.getByRole('heading', { name: 'Sign in to datavis' }).waitFor();
    await screenshot(alice, '12-signed-out');
    // The old refresh token no longer works, and a reload stays signed out.
    const reuse = await fetch(`${server.url}/api/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: before?.value }),
    });
    expect(reuse.status).toBe(401);
    await alice.reload();
    await alice.getByRole('heading', { name: 'Sign in to datavis' }).waitFor();
  });

  it('shows the throttling message after repeated failures', async () => {
    const page = await newPage();
    await page.goto('/sign-in');
    let text = '';
    for (let i = 0; i < 8 && !/Too many/.test(text); i += 1) {
      await page.getByLabel('Email', { exact: true }).fill(PEOPLE.mallory.email);
      await page.getByLabel('Password', { exact: true }).fill(`wrong-${i}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').waitFor();
      await page.waitForFunction(() => !document.querySelector('button[type="submit"][data-pending]'));
      text = (await page.getByRole('alert').textContent()) ?? '';
    }
    expect(text).toMatch(/^Too many failed sign-in attempts\. Try again in \d+ seconds\.$/);
    await screenshot(page, '13-sign-in-throttled');
  });

  async function signInAndOpen(who: Person, url: string, viewport?: { width: number; height: number }): Promise<Page> {
    const page = await newPage(viewport);
    await signIn(page, who, url);
    return page;
  }
});
