import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ClusterOverview, PipelineOverview } from '../../app/web/src/api/client';
import { apiError, json, renderApp, serverFor, users } from './fake-api';

const cluster: ClusterOverview = {
  state: 'ok',
  namespaces: ['datavis', 'spark-jobs', 'notebooks'],
  nodeGroups: [
    {
      name: 'system',
      readyNodes: 1,
      cpuCores: { allocatable: 4, used: 1 },
      memoryBytes: { allocatable: 8 * 1024 ** 3, used: 2 * 1024 ** 3 },
      nodes: [
        {
          name: 'ip-10-20-1-10',
          instanceType: 'm7g.large',
          ready: true,
          schedulable: true,
          cpuCores: { allocatable: 2, used: 0.5 },
          memoryBytes: { allocatable: 4 * 1024 ** 3, used: 1024 ** 3 },
        },
        {
          name: 'ip-10-20-2-11',
          instanceType: 'm7g.large',
          ready: false,
          schedulable: false,
          cpuCores: { allocatable: 2, used: 0.5 },
          memoryBytes: { allocatable: 4 * 1024 ** 3, used: 1024 ** 3 },
        },
      ],
    },
  ],
  nodeMetrics: { available: true, reason: null },
  workloads: [{ kind: 'StatefulSet', namespace: 'datavis', name: 'mysql', desired: 1, ready: 0, healthy: false }],
  sparkApplications: [
    {
      namespace: 'spark-jobs',
      name: 'run-42',
      state: 'RUNNING',
      runId: '42',
      runPath: '/runs/42',
      submittedAt: '2026-05-06T09:48:00.000Z',
      driverPod: 'run-42-driver',
      sparkApplicationId: 'spark-4f1c',
      sparkUiUrl: null,
      sparkUiCommand: 'kubectl -n spark-jobs port-forward svc/run-42-ui-svc 4040:4040',
      historyUrl: 'http://localhost:18080/history/spark-4f1c/',
    },
  ],
  notebookRuns: [
    {
      namespace: 'notebooks',
      name: 'sales-daily-report-1',
      runId: null,
      runPath: null,
      cronJob: 'sales-daily-report',
      startedAt: null,
      activePods: 1,
    },
  ],
  warnings: [
    { namespace: 'datavis', object: 'Pod/web-app-x', reason: 'BackOff', message: 'Back-off restarting', count: 4, lastSeen: null },
  ],
  errors: [{ section: 'notebook-runs', message: 'list jobs in notebooks: HTTP 403: forbidden' }],
  checkedAt: '2026-05-06T10:00:00.000Z',
};

describe('the Cluster page', () => {
  it('shows node groups with their use, unready workloads, runs linked to their run page and warnings', async () => {
    const server = serverFor(users.admin).on('GET', '/api/platform/cluster', () => json(200, cluster));
    renderApp(server, '/cluster');
    const group = await screen.findByTestId('node-group-system');
    expect(group.textContent).toContain('2 nodes, 1 ready');
    expect(group.textContent).toContain('1 cores of 4 cores (25%)');
    expect(within(group).getByText('Not ready').className).toBe('health-bad');
    expect(group.textContent).toContain('cordoned');
    expect(within(screen.getByTestId('workloads')).getByText('0/1 ready').className).toBe('health-bad');
    const spark = screen.getByTestId('spark-applications');
    expect(within(spark).getByRole('link', { name: 'run 42' }).getAttribute('href')).toBe('/runs/42');
    expect(within(spark).getByRole('link', { name: 'spark-4f1c' }).getAttribute('href')).toBe('http://localhost:18080/history/spark-4f1c/');
    expect(within(spark).getByText('kubectl -n spark-jobs port-forward svc/run-42-ui-svc 4040:4040')).toBeTruthy();
    expect(within(screen.getByTestId('notebook-runs')).getByText('not a run')).toBeTruthy();
    expect(within(screen.getByTestId('warnings')).getByText('Back-off restarting')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('list jobs in notebooks: HTTP 403: forbidden');
  });

  it('says when the server is not in a cluster', async () => {
    const server = serverFor(users.admin).on('GET', '/api/platform/cluster', () =>
      json(200, { state: 'not-in-cluster', reason: 'no KUBERNETES_SERVICE_HOST', checkedAt: '2026-05-06T10:00:00.000Z' }),
    );
    renderApp(server, '/cluster');
    expect((await screen.findByTestId('not-in-cluster')).textContent).toContain('no KUBERNETES_SERVICE_HOST');
  });

  it('is refused to a non-admin without asking the server', async () => {
    const server = serverFor(users.owner);
    renderApp(server, '/cluster');
    await screen.findByRole('heading', { name: 'Not allowed' });
    expect(server.callsTo('GET', '/api/platform/cluster')).toEqual([]);
    expect(screen.queryByRole('link', { name: 'Cluster' })).toBeNull();
  });
});

describe("the Deployment page's pipeline panel", () => {
  const pipeline: PipelineOverview = {
    state: 'ok',
    name: 'Datavis-Pipeline-Pipeline9850B417',
    region: 'eu-west-1',
    stages: [
      { name: 'Source', status: 'Succeeded', executionId: 'e2' },
      { name: 'Dev', status: 'InProgress', executionId: 'e2' },
      { name: 'Prod', status: null, executionId: null },
    ],
    currentStage: 'Dev',
    lastExecution: {
      id: 'e2',
      status: 'InProgress',
      statusSummary: null,
      startedAt: '2026-05-06T07:40:00.000Z',
      updatedAt: null,
      revision: '246d5d8bb8bf27a078e8f47b1236f87ec8f9503c',
      revisionSummary: 'Promote dev to staging',
    },
    checkedAt: '2026-05-06T10:00:00.000Z',
  };

  it('shows the stage in progress and the last execution, even when the environments fail to load', async () => {
    const server = serverFor(users.admin)
      .on('GET', '/api/platform/pipeline', () => json(200, pipeline))
      .on('GET', '/api/platform/environments', () => apiError(500, 'internal', 'release file unreadable'));
    renderApp(server, '/deployment');
    const panel = await screen.findByTestId('pipeline');
    await within(panel).findByText(/running stage Dev/);
    const current = within(panel).getByText(/^Dev:/);
    expect(current.getAttribute('aria-current')).toBe('step');
    expect(panel.textContent).toContain('Prod: never ran');
    expect(panel.textContent).toContain('246d5d8bb8bf27a078e8f47b1236f87ec8f9503c: Promote dev to staging');
    expect((await screen.findByText('Something went wrong')).closest('[role="alert"]')).toBeTruthy();
  });

  it('says why the pipeline cannot be read when AWS refuses', async () => {
    const server = serverFor(users.admin)
      .on('GET', '/api/platform/pipeline', () =>
        json(200, {
          state: 'unavailable',
          kind: 'denied',
          reason: 'codepipeline:GetPipelineState denied',
          checkedAt: '2026-05-06T10:00:00.000Z',
        }),
      )
      .on('GET', '/api/platform/environments', () => apiError(403, 'forbidden', 'no'));
    renderApp(server, '/deployment');
    const panel = await screen.findByTestId('pipeline');
    expect((await within(panel).findByText(/Unavailable \(denied\)/)).closest('p')!.textContent).toContain(
      'codepipeline:GetPipelineState denied',
    );
  });
});
