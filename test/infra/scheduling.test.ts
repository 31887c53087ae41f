import { parse } from 'yaml';
import { K8sObject } from '../charts/support/platform';
import { SynthesizedPlatform, removeAssembly, synthesizePlatform } from '../support/platform-synth';
import { readSpecYaml } from '../support/specs';
import { ClusterAssembly } from './support/cluster-assembly';
import {
  DaemonRequests,
  PodShape,
  allocatable,
  cpuMillis,
  memoryMiB,
  placements,
  podShapes,
  sparkPodMemoryMiB,
} from './support/scheduling';

/**
 * Scheduling simulation over every pod template the cluster stack deploys, against the node
 * groups' labels, taints and instance sizes in the same template: Deployments, CronJobs, Spark
 * drivers and executors, the JupyterHub hub and user profiles, notebook Spark executors and
 * the add-ons placed by nodeSelector.
 */
let synthesized: SynthesizedPlatform;
beforeAll(() => {
  synthesized = synthesizePlatform();
});
afterAll(() => removeAssembly(synthesized));

const roleOf = (groups: { labels: Record<string, string> }[]) => groups.map((g) => g.labels['datavis.io/node-role']).sort();
const GiB = 2 ** 30;

/** KubeSpawner byte specifications (mem_guarantee '5G'): K, M, G, T are powers of 1024. */
function kubeSpawnerMiB(spec: string): number {
  const match = /^([0-9.]+)([KMGT])$/.exec(spec)!;
  return (Number(match[1]) * 1024 ** 'KMGT'.indexOf(match[2])) / 1024;
}

function podsOf(assembly: ClusterAssembly): PodShape[] {
  const objects = assembly.manifests.flatMap((m) => m.objects) as K8sObject[];
  const pods = objects.flatMap(podShapes);
  const hub = assembly.release('jupyterhub').values;
  // The hub and its proxy: the values' requests, no selector (z2jh defaults schedule them anywhere untainted).
  pods.push({
    id: 'jupyterhub/hub',
    nodeSelector: {},
    tolerations: [],
    cpuMillis: cpuMillis(hub.hub.resources.requests.cpu),
    memoryMiB: memoryMiB(hub.hub.resources.requests.memory),
  });
  for (const profile of hub.singleuser.profileList) {
    const o = profile.kubespawner_override;
    pods.push({
      id: `jupyterhub/profile ${profile.slug}`,
      nodeSelector: {},
      tolerations: [],
      cpuMillis: o.cpu_guarantee * 1000,
      memoryMiB: kubeSpawnerMiB(o.mem_guarantee),
    });
  }
  // Executors a Spark profile notebook starts: Spark's executor defaults (1 core, 1g) on the pod
  // template the profile mounts (PYSPARK_SUBMIT_ARGS names the file, a ConfigMap holds it).
  const spark = hub.singleuser.profileList.find((p: { slug: string }) => p.slug === 'spark').kubespawner_override;
  const templatePath = /spark\.kubernetes\.executor\.podTemplateFile=(\S+)/.exec(spark.environment.PYSPARK_SUBMIT_ARGS)![1];
  const mount = spark.volume_mounts.find((m: { mountPath: string }) => templatePath.startsWith(`${m.mountPath}/`));
  const configMapName = spark.volumes.find((v: { name: string }) => v.name === mount.name).configMap.name;
  const configMap = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === configMapName)!;
  const template = parse(configMap.data[templatePath.slice(mount.mountPath.length + 1)]);
  pods.push({
    id: 'jupyterhub/notebook spark executor',
    nodeSelector: template.spec.nodeSelector ?? {},
    tolerations: template.spec.tolerations ?? [],
    cpuMillis: 1000,
    memoryMiB: sparkPodMemoryMiB('1g', true),
  });
  // Add-ons the platform places by nodeSelector.
  const addon = (chart: string, values: any) => ({
    id: `release ${chart}`,
    nodeSelector: values.nodeSelector ?? {},
    tolerations: values.tolerations ?? [],
    cpuMillis: cpuMillis(values.resources?.requests?.cpu),
    memoryMiB: memoryMiB(values.resources?.requests?.memory),
  });
  pods.push(addon('cluster-autoscaler', assembly.release('cluster-autoscaler').values));
  pods.push(addon('external-secrets', assembly.release('external-secrets').values));
  pods.push(addon('reloader', assembly.release('reloader').values.reloader.deployment));
  pods.push(addon('headlamp', assembly.release('headlamp').values));
  // The CloudWatch Observability add-on's controller (the chart's manager values; it sets no node selector but the OS).
  const manager = readSpecYaml<any>('cloudwatch-observability', 'values.yaml').manager;
  pods.push({
    id: 'addon amazon-cloudwatch-observability controller',
    nodeSelector: {},
    tolerations: manager.tolerations,
    cpuMillis: cpuMillis(manager.resources.requests.cpu),
    memoryMiB: memoryMiB(manager.resources.requests.memory),
  });
  return pods;
}

/**
 * What the CloudWatch Observability add-on's DaemonSets request on every node (they tolerate
 * every taint): the CloudWatch agent and Fluent Bit, from the chart values the add-on renders.
 */
function cloudWatchDaemons(): DaemonRequests {
  const values = readSpecYaml<any>('cloudwatch-observability', 'values.yaml');
  const agent = values.agent.resources.requests;
  const fluentBit = values.containerLogs.fluentBit.resources.requests;
  return { cpuMillis: cpuMillis(agent.cpu) + cpuMillis(fluentBit.cpu), memoryMiB: memoryMiB(agent.memory) + memoryMiB(fluentBit.memory) };
}
const DAEMONS = cloudWatchDaemons();

describe.each(['dev', 'staging', 'prod'] as const)('scheduling in %s', (env) => {
  let assembly: ClusterAssembly;
  let pods: PodShape[];
  beforeAll(() => {
    assembly = new ClusterAssembly(synthesized.platforms.get(env)!.cluster);
    pods = podsOf(assembly);
  });

  test('every pod template has a node group that tolerates it, matches its selector and fits its requests', () => {
    const unschedulable = pods
      .map((pod) => ({ pod, result: placements(pod, assembly.nodeGroups, DAEMONS) }))
      .filter(({ result }) => result.fits.length === 0)
      .map(({ pod, result }) => `${pod.id}: ${result.reasons.join('; ')}`);
    expect(unschedulable).toEqual([]);
    expect(pods.length).toBeGreaterThan(10);
    expect(pods.map((p) => p.id)).toEqual(expect.arrayContaining(['release headlamp', 'addon amazon-cloudwatch-observability controller']));
  });

  test('Spark drivers run on the on-demand driver group only, executors (jobs and notebooks) on the spot group only', () => {
    const where = (predicate: (id: string) => boolean) =>
      pods
        .filter((p) => predicate(p.id))
        .map((pod) => ({ pod: pod.id, groups: roleOf(placements(pod, assembly.nodeGroups, DAEMONS).fits) }));
    const drivers = where((id) => id.endsWith('/driver'));
    const executors = where((id) => id.endsWith('/executor') || id.endsWith('spark executor'));
    expect(drivers.length).toBeGreaterThan(0);
    expect(executors.length).toBeGreaterThan(1);
    for (const d of drivers) expect(d).toEqual({ pod: d.pod, groups: ['spark-driver'] });
    for (const e of executors) expect(e).toEqual({ pod: e.pod, groups: ['spark-executor'] });
    const byRole = Object.fromEntries(assembly.nodeGroups.map((g) => [g.labels['datavis.io/node-role'], g]));
    expect(byRole['spark-driver'].capacityType).toBe('ON_DEMAND');
    expect(byRole['spark-executor'].capacityType).toBe('SPOT');
  });

  test('only Spark pods can use the Spark groups, and the driver group starts at zero nodes', () => {
    const elsewhere = pods.filter((p) => !/(driver|executor)$/.test(p.id));
    for (const pod of elsewhere)
      expect({ pod: pod.id, groups: roleOf(placements(pod, assembly.nodeGroups, DAEMONS).fits) }).toEqual({
        pod: pod.id,
        groups: ['system'],
      });
    const driverGroup = assembly.nodeGroups.find((g) => g.labels['datavis.io/node-role'] === 'spark-driver')!;
    expect(driverGroup.minSize).toBe(0);
  });
});

describe('the scheduling model', () => {
  test('a pod asking for more memory than the smallest node of every group has nowhere to go', () => {
    const groups = [
      {
        id: 'g',
        labels: { 'datavis.io/node-role': 'system' },
        taints: [],
        instanceTypes: ['m7g.large'],
        capacityType: 'ON_DEMAND',
        minSize: 0,
      },
    ];
    expect(
      placements({ id: 'big', nodeSelector: {}, tolerations: [], cpuMillis: 500, memoryMiB: (8 * GiB) / 2 ** 20 }, groups).fits,
    ).toEqual([]);
    expect(placements({ id: 'small', nodeSelector: {}, tolerations: [], cpuMillis: 500, memoryMiB: 512 }, groups).fits).toHaveLength(1);
  });

  test("a pod without the group's toleration is kept off a tainted group", () => {
    const groups = [
      {
        id: 'g',
        labels: { 'datavis.io/node-role': 'spark-executor' },
        taints: [{ key: 'datavis.io/node-role', value: 'spark-executor', effect: 'NO_SCHEDULE' }],
        instanceTypes: ['m7g.xlarge'],
        capacityType: 'SPOT',
        minSize: 0,
      },
    ];
    const pod = { id: 'p', nodeSelector: { 'datavis.io/node-role': 'spark-executor' }, tolerations: [], cpuMillis: 100, memoryMiB: 100 };
    expect(placements(pod, groups).fits).toEqual([]);
    expect(
      placements(
        { ...pod, tolerations: [{ key: 'datavis.io/node-role', operator: 'Equal', value: 'spark-executor', effect: 'NoSchedule' }] },
        groups,
      ).fits,
    ).toHaveLength(1);
  });

  test("the CloudWatch add-on's node agents take their requests from every node's room", () => {
    expect(DAEMONS).toEqual({ cpuMillis: 300, memoryMiB: 153 });
    const group = {
      id: 'g',
      labels: { 'datavis.io/node-role': 'system' },
      taints: [],
      instanceTypes: ['m7g.large'],
      capacityType: 'ON_DEMAND',
      minSize: 0,
    };
    const roomWithout = allocatable('m7g.large');
    const pod = { id: 'p', nodeSelector: {}, tolerations: [], cpuMillis: roomWithout.cpuMillis - 100, memoryMiB: 512 };
    expect(placements(pod, [group]).fits).toHaveLength(1);
    expect(placements(pod, [group], DAEMONS).fits).toEqual([]);
  });

  test("z2jh's hub requests come from the values the chart reads (hub.resources)", () => {
    expect(readSpecYaml<{ hub: { resources: unknown } }>('jupyterhub', 'values.yaml').hub).toHaveProperty('resources');
  });
});
