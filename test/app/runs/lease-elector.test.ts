import { CoordinationV1Api, KubeConfig } from '@kubernetes/client-node';
import { LeaseElector } from '../../../app/server/runs/kubernetes/lease-elector';
import { FakeKubeApi } from './support/fake-kube-api';
import { waitFor } from './support/notebooks';

const TIMINGS = { leaseDurationSeconds: 1, renewDeadlineMs: 600, retryPeriodMs: 100 };

describe('leader election over a Lease', () => {
  const api = new FakeKubeApi();
  let server = '';
  const electors: LeaseElector[] = [];

  function coordination(url: string): CoordinationV1Api {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 't', server: url, skipTLSVerify: true }],
      users: [{ name: 'u', token: 't' }],
      contexts: [{ name: 'c', cluster: 't', user: 'u' }],
      currentContext: 'c',
    });
    return kc.makeApiClient(CoordinationV1Api);
  }

  function elector(identity: string, name = 'runs', url = server): LeaseElector {
    const e = new LeaseElector({ api: coordination(url), namespace: 'datavis', name, identity, ...TIMINGS });
    e.on('error', () => undefined);
    electors.push(e);
    return e;
  }

  beforeAll(async () => {
    server = await api.start();
  });
  afterAll(async () => {
    await Promise.all(electors.map((e) => e.stop({ release: false })));
    await api.stop();
  });

  test('of five replicas started together exactly one leads, and keeps leading', async () => {
    const five = ['a', 'b', 'c', 'd', 'e'].map((id) => elector(id, 'five'));
    five.forEach((e) => e.start());
    await waitFor('a leader', () => five.some((e) => e.isLeader()));
    for (let i = 0; i < 10; i++) {
      expect(five.filter((e) => e.isLeader())).toHaveLength(1);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const lease = api.get('leases', 'datavis', 'five')!;
    expect(lease.spec.holderIdentity).toBe(['a', 'b', 'c', 'd', 'e'][five.findIndex((e) => e.isLeader())]);
    expect(lease.spec.renewTime).toMatch(/\.\d{6}Z$/);
    await Promise.all(five.map((e) => e.stop()));
  });

  test('a leader that stops releases the Lease and another replica takes over at once', async () => {
    const a = elector('a', 'handover');
    const b = elector('b', 'handover');
    a.start();
    await waitFor('a leads', () => a.isLeader());
    b.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(b.isLeader()).toBe(false);
    const started = Date.now();
    await a.stop();
    await waitFor('b leads', () => b.isLeader());
    expect(Date.now() - started).toBeLessThan(1000);
    expect(api.get('leases', 'datavis', 'handover')!.spec).toMatchObject({ holderIdentity: 'b', leaseTransitions: 1 });
    await b.stop();
  });

  test('after a leader crashes (no release) the others wait for the lease duration, then one takes over', async () => {
    const a = elector('a', 'crash');
    const b = elector('b', 'crash');
    a.start();
    await waitFor('a leads', () => a.isLeader());
    b.start();
    const crashed = Date.now();
    await a.stop({ release: false });
    await waitFor('b leads', () => b.isLeader(), 5000);
    expect(Date.now() - crashed).toBeGreaterThanOrEqual(TIMINGS.leaseDurationSeconds * 1000 - 100);
    await b.stop();
  });

  test('a leader that cannot reach the API stops leading within the renew deadline, before another may lead', async () => {
    const proxy = new FakeKubeApi();
    // The leader talks to the API through an address that goes away.
    const isolatedUrl = await proxy.start();
    await proxy.stop();
    const a = new LeaseElector({ api: coordination(server), namespace: 'datavis', name: 'partition', identity: 'a', ...TIMINGS });
    a.on('error', () => undefined);
    a.start();
    await waitFor('a leads', () => a.isLeader());
    (a as unknown as { options: { api: CoordinationV1Api } }).options.api = coordination(isolatedUrl);
    const cut = Date.now();
    const stopped = new Promise<number>((resolve) => a.once('stopped', () => resolve(Date.now() - cut)));
    const after = await stopped;
    expect(after).toBeLessThan(TIMINGS.leaseDurationSeconds * 1000);
    await a.stop({ release: false });
  });
});
