import { App, Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { platformCharts, PlatformCharts } from '../../../charts/platform';
import { localPlatform } from '../../../charts/local';

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any;
  [key: string]: any;
};

export const CERT_ARN = 'arn:aws:acm:eu-west-1:123456789012:certificate/0f3c2a0e-8a51-4a57-9a9b-2f2e7c1d9e11';

/** The platform as an AWS environment would synthesize it (ALB exposure, real-looking props). */
export function cloudCharts(): PlatformCharts {
  return platformCharts(
    {
      images: {
        spark: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/datavis-spark:4.0.4-1',
        notebookRunner: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/datavis-notebook-runner:0.3.1',
        webApp: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/datavis-web-app:0.3.1',
        sparkVersion: '4.0.4',
        jupyterSingleUser: 'quay.io/jupyter/pyspark-notebook:spark-4.0.1',
      },
      buckets: { datasetsBucket: 'datavis-dev-datasets', outputsBucket: 'datavis-dev-outputs', sparkEventLogs: 'datavis-dev-spark-events' },
      vpcCidr: '10.20.0.0/16',
      environment: 'dev',
      webAppSecretName: 'web-app-secrets',
      webAppExposure: { kind: 'alb', certificateArn: CERT_ARN, host: 'datavis.example.com', loadBalancerName: 'datavis-dev-web' },
      webAppStorage: { kind: 's3', bucket: 'datavis-dev-datasets', region: 'eu-west-1' },
      jupyterHubExposure: { kind: 'alb', certificateArn: CERT_ARN, host: 'hub.datavis.example.com' },
      dashboard: { oidcViewerGroups: ['platform-ops'] },
    },
    () => Testing.app(),
  );
}

export interface SourcedObject {
  readonly source: string;
  readonly object: K8sObject;
}

/** Every object of every chart: the cloud variant and the local files in dist/local form. */
export function allObjects(): SourcedObject[] {
  const cloud = cloudCharts();
  const result: SourcedObject[] = [];
  for (const [name, chart] of Object.entries({
    namespaces: cloud.namespaces,
    spark: cloud.spark,
    notebooks: cloud.notebooks,
    webApp: cloud.webApp,
    jupyterHubSpark: cloud.jupyterHubSpark,
    headlampAccess: cloud.headlampAccess!,
  })) {
    for (const object of Testing.synth(chart)) result.push({ source: `cloud/${name}`, object: object as K8sObject });
  }
  for (const [file, content] of Object.entries(localPlatform().files())) {
    if (file.startsWith('values/')) continue;
    for (const doc of parseAllDocuments(content)) {
      result.push({ source: `local/${file}`, object: doc.toJSON() as K8sObject });
    }
  }
  return result;
}

export function findObject(objects: readonly unknown[], kind: string, name: string): K8sObject {
  const found = (objects as K8sObject[]).filter((o) => o.kind === kind && o.metadata?.name === name);
  if (found.length !== 1) throw new Error(`expected exactly one ${kind} named ${name}, found ${found.length}`);
  return found[0];
}

export function objectsOfKind(objects: readonly unknown[], kind: string): K8sObject[] {
  return (objects as K8sObject[]).filter((o) => o.kind === kind);
}

/** A pod spec with where it came from, for the pod-level checks. */
export interface PodTemplate {
  readonly id: string;
  readonly namespace: string;
  readonly longRunning: boolean;
  readonly spec: any;
  readonly metadata?: any;
}

/**
 * The pod templates of an object: workloads' spec.template, CronJobs' job template, and the
 * driver and executor pods a SparkApplication makes (their pod and container security
 * contexts, image and resources).
 */
export function podTemplates(object: K8sObject): PodTemplate[] {
  const id = `${object.kind}/${object.metadata.namespace}/${object.metadata.name}`;
  const namespace = object.metadata.namespace ?? '';
  switch (object.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
      return [{ id, namespace, longRunning: true, spec: object.spec.template.spec, metadata: object.spec.template.metadata }];
    case 'Job':
      return [{ id, namespace, longRunning: false, spec: object.spec.template.spec, metadata: object.spec.template.metadata }];
    case 'CronJob':
      return [
        {
          id,
          namespace,
          longRunning: false,
          spec: object.spec.jobTemplate.spec.template.spec,
          metadata: object.spec.jobTemplate.spec.template.metadata,
        },
      ];
    case 'Pod':
      return [{ id, namespace, longRunning: true, spec: object.spec, metadata: object.metadata }];
    case 'SparkApplication':
      return (['driver', 'executor'] as const).map((role) => {
        const pod = object.spec[role];
        return {
          id: `${id}/${role}`,
          namespace,
          longRunning: false,
          metadata: { labels: pod.labels },
          spec: {
            securityContext: pod.podSecurityContext,
            serviceAccountName: pod.serviceAccount,
            containers: [
              {
                name: `spark-kubernetes-${role}`,
                image: pod.image ?? object.spec.image,
                securityContext: pod.securityContext,
                resources: {
                  requests: { cpu: pod.coreRequest, memory: pod.memory },
                  limits: { cpu: pod.coreLimit, memory: pod.memory },
                },
              },
            ],
          },
        };
      });
    default:
      return [];
  }
}

export function newApp(): App {
  return Testing.app();
}
