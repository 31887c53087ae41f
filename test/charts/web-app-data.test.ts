import { Testing } from 'cdk8s';
import { loadConfig } from '../../app/server/config';
import { WEB_APP_DATA_LIMITS, WEB_APP_STORAGE_PREFIX, albIdleTimeoutSeconds } from '../../charts/web-app-data';
import { localPlatform } from '../../charts/local';
import { cloudCharts, findObject, objectsOfKind, type K8sObject } from './support/platform';

const GIB = 1024 ** 3;

/** Size strings as cdk8s writes them ("4Gi", "2560Mi") in bytes. */
function bytesOf(size: string): number {
  const match = /^(\d+(?:\.\d+)?)(Mi|Gi)$/.exec(size);
  if (!match) throw new Error(`unexpected size ${size}`);
  return Number(match[1]) * (match[2] === 'Gi' ? GIB : 1024 ** 2);
}

function container(objects: K8sObject[]) {
  return findObject(objects, 'Deployment', 'web-app').spec.template.spec.containers[0];
}

function envOf(objects: K8sObject[]): Record<string, string> {
  return Object.fromEntries(
    container(objects)
      .env.filter((e: { value?: string }) => e.value !== undefined)
      .map((e: { name: string; value: string }) => [e.name, e.value]),
  );
}

function volume(objects: K8sObject[], mountPath: string) {
  const spec = findObject(objects, 'Deployment', 'web-app').spec.template.spec;
  const mount = container(objects).volumeMounts.find((m: { mountPath: string }) => m.mountPath === mountPath);
  return spec.volumes.find((v: { name: string }) => v.name === mount.name);
}

describe('the web app chart and its data', () => {
  const cloud = Testing.synth(cloudCharts().webApp);
  const env = envOf(cloud);

  test('on AWS: datasets in the web app prefix of the datasets bucket, in a form the server accepts', () => {
    expect(env.STORAGE_URL).toBe(`s3://datavis-dev-datasets/${WEB_APP_STORAGE_PREFIX}`);
    expect(env.AWS_REGION).toBe('eu-west-1');
    const config = loadConfig({ ...env, JWT_SECRET: 'x'.repeat(32), NODE_ENV: 'production' });
    expect(config.storage.location).toEqual({ kind: 's3', bucket: 'datavis-dev-datasets', prefix: WEB_APP_STORAGE_PREFIX });
    expect(config.maxUploadBytes).toBe(WEB_APP_DATA_LIMITS.maxUploadBytes);
    expect(config.storage.cacheDir).toBe(env.STORAGE_CACHE_DIR);
    expect(config.dataDir).toBe(env.DATA_DIR);
  });

  test('the S3 read cache is a size-limited emptyDir with room for the cache and one upload being inspected', () => {
    const cache = volume(cloud, envOf(cloud).STORAGE_CACHE_DIR!);
    const limit = bytesOf(cache.emptyDir.sizeLimit);
    expect(Number(env.STORAGE_CACHE_MAX_BYTES) + Number(env.MAX_UPLOAD_BYTES)).toBeLessThan(limit);
  });

  test('DuckDB spill space (DATA_DIR) fits four times the memory of every query at once, and the memory limit fits them all', () => {
    const work = volume(cloud, env.DATA_DIR!);
    const spill = 4 * Number(env.QUERY_MEMORY_MB) * Number(env.QUERY_MAX_CONCURRENT) * 1024 ** 2;
    expect(spill).toBeLessThan(bytesOf(work.emptyDir.sizeLimit));
    const { memory } = { memory: container(cloud).resources.limits.memory as string };
    const queries = Number(env.QUERY_MEMORY_MB) * Number(env.QUERY_MAX_CONCURRENT) * 1024 ** 2;
    expect(bytesOf(memory) - queries).toBeGreaterThanOrEqual(bytesOf(container(cloud).resources.requests.memory));
    expect(container(cloud).securityContext.readOnlyRootFilesystem).toBe(true);
  });

  test('the load balancer keeps an upload connection open through the processing of the largest upload', () => {
    const attributes = findObject(cloud, 'Ingress', 'web-app').metadata.annotations!['alb.ingress.kubernetes.io/load-balancer-attributes'];
    const idle = Number(/idle_timeout\.timeout_seconds=(\d+)/.exec(attributes)![1]);
    expect(idle).toBe(albIdleTimeoutSeconds(Number(env.MAX_UPLOAD_BYTES)));
    expect(idle * WEB_APP_DATA_LIMITS.minProcessingBytesPerSecond).toBeGreaterThanOrEqual(Number(env.MAX_UPLOAD_BYTES));
    // AWS accepts 1..4000 seconds.
    expect(idle).toBeLessThanOrEqual(4000);
    expect(albIdleTimeoutSeconds(10 * 1024 ** 2)).toBe(300);
  });

  test('locally: one replica, files on a persistent volume of the cluster default class', () => {
    const local = Testing.synth(localPlatform().charts.webApp);
    const localEnv = envOf(local);
    expect(localEnv.STORAGE_URL).toBe(`file:${localEnv.DATA_DIR}/objects`);
    expect(volume(local, localEnv.DATA_DIR!).persistentVolumeClaim.claimName).toBe('web-app-data');
    expect(findObject(local, 'PersistentVolumeClaim', 'web-app-data').spec).toMatchObject({
      accessModes: ['ReadWriteOnce'],
      storageClassName: 'standard',
    });
    expect(findObject(local, 'HorizontalPodAutoscaler', 'web-app').spec).toMatchObject({ minReplicas: 1, maxReplicas: 1 });
    expect(objectsOfKind(local, 'NetworkPolicy').map((p) => p.metadata.name)).not.toContain('allow-pod-identity-agent');
  });
});
