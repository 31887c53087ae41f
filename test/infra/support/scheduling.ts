import { K8sObject } from '../../charts/support/platform';
import { NodeGroup } from './cluster-assembly';

/**
 * A small model of the Kubernetes scheduler and the Cluster Autoscaler for an empty node of a
 * group: a pod can land on a group when it tolerates every NoSchedule taint of the group, its
 * nodeSelector matches the group's labels, and its requests fit the allocatable capacity of the
 * group's smallest instance type less what the node's daemons take.
 */
export interface PodShape {
  readonly id: string;
  readonly nodeSelector: Record<string, string>;
  readonly tolerations: readonly { key?: string; operator?: string; value?: string; effect?: string }[];
  /** Requested millicores and MiB. */
  readonly cpuMillis: number;
  readonly memoryMiB: number;
}

/** vCPUs, memory (GiB) and the EKS max-pods value (AL2023 AMI, VPC CNI without prefix delegation). */
const INSTANCE_TYPES: Record<string, { vcpu: number; memoryGiB: number; maxPods: number }> = {
  'm7g.large': { vcpu: 2, memoryGiB: 8, maxPods: 29 },
  'm7g.xlarge': { vcpu: 4, memoryGiB: 16, maxPods: 58 },
  'm7g.2xlarge': { vcpu: 8, memoryGiB: 32, maxPods: 58 },
  'm6g.xlarge': { vcpu: 4, memoryGiB: 16, maxPods: 58 },
  'm6g.2xlarge': { vcpu: 8, memoryGiB: 32, maxPods: 58 },
  'r7g.xlarge': { vcpu: 4, memoryGiB: 32, maxPods: 58 },
  'r7g.2xlarge': { vcpu: 8, memoryGiB: 64, maxPods: 58 },
  'r6g.2xlarge': { vcpu: 8, memoryGiB: 64, maxPods: 58 },
};

/** Requests of the per-node daemons (VPC CNI with its policy agent, kube-proxy, EBS CSI node, Pod Identity agent), rounded up. */
export const NODE_DAEMONS = { cpuMillis: 250, memoryMiB: 256 } as const;

/** Requests of DaemonSets that run on every node, on top of NODE_DAEMONS. */
export interface DaemonRequests {
  readonly cpuMillis: number;
  readonly memoryMiB: number;
}

/** Allocatable capacity as the EKS AMI reserves it (kube-reserved CPU by core count, 255 MiB + 11 MiB per pod, 100 MiB eviction). */
export function allocatable(
  instanceType: string,
  extraDaemons: DaemonRequests = { cpuMillis: 0, memoryMiB: 0 },
): { cpuMillis: number; memoryMiB: number } {
  const type = INSTANCE_TYPES[instanceType];
  if (type === undefined)
    throw new Error(`instance type ${instanceType} is not in the scheduling model; add its vCPUs, memory and max pods`);
  let reservedCpu = 0;
  for (let core = 1; core <= type.vcpu; core++) reservedCpu += core === 1 ? 60 : core === 2 ? 10 : core <= 4 ? 5 : 2.5;
  const reservedMemory = 255 + 11 * type.maxPods + 100;
  return {
    cpuMillis: type.vcpu * 1000 - reservedCpu - NODE_DAEMONS.cpuMillis - extraDaemons.cpuMillis,
    memoryMiB: type.memoryGiB * 1024 - reservedMemory - NODE_DAEMONS.memoryMiB - extraDaemons.memoryMiB,
  };
}

export function cpuMillis(quantity: string | number | undefined): number {
  if (quantity === undefined) return 0;
  if (typeof quantity === 'number') return quantity * 1000;
  return quantity.endsWith('m') ? Number(quantity.slice(0, -1)) : Number(quantity) * 1000;
}

/** Kubernetes quantities (Ki/Mi/Gi, k/M/G), in MiB. */
export function memoryMiB(quantity: string | number | undefined): number {
  if (quantity === undefined) return 0;
  if (typeof quantity === 'number') return quantity / 2 ** 20;
  const match = /^([0-9.]+)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(quantity);
  if (!match) throw new Error(`unrecognised memory quantity ${quantity}`);
  const factor: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9, T: 1e12, '': 1 };
  return (Number(match[1]) * factor[match[2] ?? '']) / 2 ** 20;
}

/**
 * A Spark pod's memory request: the JVM memory plus Spark's overhead, max(384 MiB, factor x
 * memory), with factor 0.4 for Python applications (Spark on Kubernetes documentation,
 * spark.kubernetes.memoryOverheadFactor). Spark memory strings ("1024m", "1g") are binary.
 */
export function sparkPodMemoryMiB(memory: string, python: boolean): number {
  const match = /^(\d+)([mg])$/.exec(memory);
  if (!match) throw new Error(`unrecognised Spark memory ${memory}`);
  const mib = Number(match[1]) * (match[2] === 'g' ? 1024 : 1);
  return mib + Math.max(384, (python ? 0.4 : 0.1) * mib);
}

export function tolerates(pod: PodShape, taint: { key: string; value: string; effect: string }): boolean {
  const effect = taint.effect === 'NO_SCHEDULE' ? 'NoSchedule' : taint.effect;
  return pod.tolerations.some(
    (t) =>
      (t.effect === undefined || t.effect === effect) &&
      (t.operator === 'Exists' ? t.key === undefined || t.key === taint.key : t.key === taint.key && t.value === taint.value),
  );
}

/** The groups an autoscaler could grow for the pod, and why each other group was ruled out. */
export function placements(
  pod: PodShape,
  groups: readonly NodeGroup[],
  extraDaemons?: DaemonRequests,
): { fits: NodeGroup[]; reasons: string[] } {
  const fits: NodeGroup[] = [];
  const reasons: string[] = [];
  for (const group of groups) {
    const role = group.labels['datavis.io/node-role'];
    const untolerated = group.taints.filter((t) => !tolerates(pod, t));
    const unmatched = Object.entries(pod.nodeSelector).filter(([k, v]) => group.labels[k] !== v);
    const smallest = group.instanceTypes
      .map((type) => allocatable(type, extraDaemons))
      .reduce((a, b) => (a.cpuMillis * a.memoryMiB <= b.cpuMillis * b.memoryMiB ? a : b));
    const tooBig = pod.cpuMillis > smallest.cpuMillis || pod.memoryMiB > smallest.memoryMiB;
    if (untolerated.length === 0 && unmatched.length === 0 && !tooBig) fits.push(group);
    else
      reasons.push(
        `${role}: ${untolerated.length ? 'taint not tolerated ' : ''}${unmatched.length ? 'selector mismatch ' : ''}${tooBig ? `requests ${pod.cpuMillis}m/${Math.round(pod.memoryMiB)}Mi exceed ${smallest.cpuMillis}m/${Math.round(smallest.memoryMiB)}Mi` : ''}`,
      );
  }
  return { fits, reasons };
}

/** Pod shapes of a Deployment, Job, CronJob or SparkApplication. */
export function podShapes(object: K8sObject): PodShape[] {
  const id = `${object.kind}/${object.metadata.namespace}/${object.metadata.name}`;
  const fromSpec = (spec: any, suffix = ''): PodShape => ({
    id: id + suffix,
    nodeSelector: spec.nodeSelector ?? {},
    tolerations: spec.tolerations ?? [],
    cpuMillis: (spec.containers as any[]).reduce((sum, c) => sum + cpuMillis(c.resources?.requests?.cpu), 0),
    memoryMiB: (spec.containers as any[]).reduce((sum, c) => sum + memoryMiB(c.resources?.requests?.memory), 0),
  });
  switch (object.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'Job':
      return [fromSpec(object.spec.template.spec)];
    case 'CronJob':
      return [fromSpec(object.spec.jobTemplate.spec.template.spec)];
    case 'SparkApplication':
      return (['driver', 'executor'] as const).map((role) => {
        const pod = object.spec[role];
        return {
          id: `${id}/${role}`,
          nodeSelector: pod.nodeSelector ?? {},
          tolerations: pod.tolerations ?? [],
          cpuMillis: cpuMillis(pod.coreRequest ?? pod.cores),
          memoryMiB: sparkPodMemoryMiB(pod.memory, object.spec.type === 'Python'),
        };
      });
    default:
      return [];
  }
}
