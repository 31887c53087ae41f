import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { RELEASES_DIR } from '../../lib/config';
import { copyReleases } from '../promotion/release-fixtures';
import { SAMPLE_HISTORY, recordSampleHistory } from '../support/release-history';
import { ADMIN, ApiSeeder, RESULTS, ensureWebBuild, launchChromium, startServer, type RunningServer } from './support';

/**
 * The Deployment and Cluster pages in headless Chromium against the real server, reading a
 * copy of the checked-in release files with a history written by the CLI's ReleaseStore, and
 * the Prometheus listener of that same server. Screenshots go to test-results/web/.
 */
const ANALYST = { email: 'analyst@example.com', password: 'correct-horse-battery-9' };
const release = (env: string) => JSON.parse(fs.readFileSync(path.join(RELEASES_DIR, `${env}.json`), 'utf8'));

let server: RunningServer;
let browser: Browser;
let releases: ReturnType<typeof copyReleases>;
const contexts: BrowserContext[] = [];

async function signedIn(who: { email: string; password: string }, next: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1400, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(next);
  await page.getByRole('heading', { name: 'Sign in to datavis' }).waitFor();
  await page.getByLabel('Email', { exact: true }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return page;
}

beforeAll(async () => {
  ensureWebBuild();
  releases = copyReleases();
  recordSampleHistory(releases.dir);
  server = await startServer({
    RELEASES_DIR: releases.dir,
    // No AWS credentials and no cluster: the page must say so rather than fail.
    AWS_ACCESS_KEY_ID: '',
    AWS_PROFILE: '',
    AWS_WEB_IDENTITY_TOKEN_FILE: '',
    AWS_CONTAINER_CREDENTIALS_FULL_URI: '',
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '',
    KUBERNETES_SERVICE_HOST: '',
  });
  browser = await launchChromium();
  const admin = new ApiSeeder(server.url);
  await admin.login(ADMIN.email, ADMIN.password);
  await admin.call('POST', '/api/users', { ...ANALYST, role: 'analyst' });
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  releases?.cleanup();
});

describe('Deployment page', () => {
  let page: Page;

  it('shows an admin every environment with its pinned release, from the release files', async () => {
    page = await signedIn(ADMIN, '/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deployment' }).click();
    await page.getByRole('heading', { name: 'Deployment', level: 1 }).waitFor();
    await page.getByTestId('release-table').waitFor();
    for (const env of ['local', 'dev', 'staging', 'prod']) {
      const file = release(env);
      expect(await page.getByTestId(`env-${env}`).getByRole('heading', { name: env }).isVisible()).toBe(true);
      expect(await page.getByTestId(`pin-${env}-platformVersion`).textContent()).toBe(file.platformVersion);
      expect(await page.getByTestId(`pin-${env}-charts.headlamp`).textContent()).toBe(file.charts.headlamp);
      expect(await page.getByTestId(`pin-${env}-kubernetesVersion`).textContent()).toBe(file.kubernetesVersion);
      expect(await page.getByTestId(`pin-${env}-rdsEngineVersion`).textContent()).toBe(file.rdsEngineVersion);
      expect(await page.getByTestId(`pin-${env}-eksAddons.cloudwatchObservability`).textContent()).toBe(
        file.eksAddons.cloudwatchObservability,
      );
      expect(await page.getByTestId(`pin-${env}-gitCommit`).getAttribute('title')).toBe(file.gitCommit);
    }
    // Without credentials, live status and the pipeline say why they are missing.
    expect(await page.getByTestId('env-prod').textContent()).toContain('Not checked: the server has no AWS credentials.');
    await page.getByTestId('pipeline').getByText('Not available: the server has no AWS credentials').waitFor();
  });

  it('marks the fields that differ between adjacent stages and lists them with the commands that promote', async () => {
    const [dev, staging, prod] = ['dev', 'staging', 'prod'].map(release);
    expect(dev.platformVersion).not.toBe(staging.platformVersion);
    expect(await page.getByTestId('pin-dev-platformVersion').getAttribute('class')).toBe('differs');
    expect(await page.getByTestId('pin-staging-platformVersion').getAttribute('class')).toBe('differs');
    expect(await page.getByTestId('pin-dev-charts.headlamp').getAttribute('class')).toBeNull();
    const devToStaging = page.getByTestId('promotion-dev-staging');
    const row = devToStaging.getByRole('row', { name: /platformVersion/ });
    expect(await row.textContent()).toContain(`${staging.platformVersion}${dev.platformVersion}`);
    expect(await devToStaging.getByLabel('Promote dev to staging', { exact: true }).textContent()).toBe(
      'npm run platform -- promote --from dev --to staging',
    );
    expect(await devToStaging.getByLabel('Check the promotion of dev to staging', { exact: true }).textContent()).toBe(
      'npm run platform -- promote --from dev --to staging --dry-run',
    );
    const stagingToProd = page.getByTestId('promotion-staging-prod');
    expect(await stagingToProd.getByRole('row', { name: /images.webApp/ }).textContent()).toContain(
      `${prod.images.webApp}${staging.images.webApp}`,
    );
    expect(await stagingToProd.getByLabel('Promote staging to prod', { exact: true }).textContent()).toBe(
      'npm run platform -- promote --from staging --to prod',
    );
    // Staging has a promotion to undo; prod's was rolled back already.
    expect(await page.getByLabel('Roll back staging', { exact: true }).textContent()).toBe('npm run platform -- rollback --env staging');
    expect(await page.getByLabel('Roll back prod', { exact: true }).count()).toBe(0);
  });

  it('lists the promotion history with who, when, the action and the snapshot, newest first', async () => {
    const rows = page.getByTestId('history-table').getByRole('row');
    await rows.nth(3).waitFor();
    const texts = await rows.allTextContents();
    expect(texts).toHaveLength(4);
    expect(texts[1]).toContain('prod');
    expect(texts[1]).toContain('rolled back');
    expect(texts[1]).toContain(SAMPLE_HISTORY.prodRollback.snapshotId);
    expect(texts[2]).toContain('promoted from staging');
    expect(texts[2]).toContain(SAMPLE_HISTORY.prodPromotion.by);
    expect(texts[2]).toContain(SAMPLE_HISTORY.prodPromotion.snapshotId);
    expect(texts[3]).toContain('promoted from dev');
    expect(texts[3]).toContain(SAMPLE_HISTORY.stagingPromotion.by);
    expect(await page.getByTestId('history-table').locator('time').first().getAttribute('datetime')).toBe(SAMPLE_HISTORY.prodRollback.at);
    expect(await page.getByTestId('env-prod').textContent()).toContain(
      `rollback ${release('staging').platformVersion} → ${release('prod').platformVersion}`,
    );
    await page.screenshot({ path: path.join(RESULTS, 'deployment.png'), fullPage: true });
  });

  it('shows the cluster overview saying the server does not run in a cluster', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cluster' }).click();
    await page.getByRole('heading', { name: 'Cluster', level: 1 }).waitFor();
    const notice = page.getByTestId('not-in-cluster');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('the server is not running in a Kubernetes cluster');
    await page.screenshot({ path: path.join(RESULTS, 'cluster-not-in-cluster.png'), fullPage: true });
  });

  it('is not offered to a non-admin, whose page and API calls are refused', async () => {
    const analyst = await signedIn(ANALYST, '/');
    const nav = analyst.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Projects' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Deployment' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Cluster' }).count()).toBe(0);
    await analyst.goto('/deployment');
    await analyst.getByRole('heading', { name: 'Not allowed' }).waitFor();
    expect(await analyst.getByTestId('release-table').count()).toBe(0);
    const seeder = new ApiSeeder(server.url);
    await seeder.login(ANALYST.email, ANALYST.password);
    for (const url of ['/api/platform/environments', '/api/platform/pipeline', '/api/platform/cluster']) {
      await expect(seeder.call('GET', url)).rejects.toThrow(new RegExp(`GET ${url}: 403 .*"code":"forbidden"`));
    }
  });
});

describe('the metrics listener of the same server', () => {
  it('serves /metrics on its own port, counting the page requests by route, with process metrics, and the API port does not', async () => {
    const metricsUrl = /metrics on (http:\/\/[^\s]+\/metrics)/.exec(server.output())![1].replace('localhost', '127.0.0.1');
    const metrics = await fetch(metricsUrl);
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toMatch(/datavis_http_requests_total\{method="GET",route="\/api\/platform\/environments",status_code="200"\} [1-9]/);
    expect(text).toMatch(/datavis_http_requests_total\{method="GET",route="\/api\/platform\/cluster",status_code="403"\} 1/);
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    expect(new URL(metricsUrl).port).not.toBe(new URL(server.url).port);
    const onApi = await fetch(`${server.url}/metrics`);
    expect(onApi.status).toBe(404);
    expect(await onApi.text()).not.toContain('datavis_http_requests_total');
  });
});
