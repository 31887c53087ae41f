import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-34';
import { Construct } from 'constructs';

/** The web app's key prefix in the datasets bucket; its IAM role may touch nothing else there. */
export const WEB_APP_STORAGE_PREFIX = 'web-app';

/** Where managed dataset files live: the datasets bucket on AWS, a volume on a local cluster. */
export type WebAppStorage =
  | {
      readonly kind: 's3';
      /** The datasets bucket. */
      readonly bucket: string;
      /** Region of the bucket (the SDK cannot ask the instance metadata service, which no pod may reach). */
      readonly region: string;
    }
  | {
      /** A folder on one volume: only one replica may run. */
      readonly kind: 'persistent-volume';
      readonly storageClass: string;
      /** @default 10 GiB */
      readonly size?: Size;
    };

/** Data limits of the web app, with why each is what it is. */
export const WEB_APP_DATA_LIMITS = {
  /** Largest upload (MAX_UPLOAD_BYTES). */
  maxUploadBytes: 1024 ** 3,
  /** Local copies of S3 datasets the query engine reads (STORAGE_CACHE_MAX_BYTES). */
  cacheMaxBytes: 2 * 1024 ** 3,
  /**
   * The cache volume holds the cache, files read while past its bound, and the local copy of
   * each upload being inspected (up to MAX_UPLOAD_BYTES): cache + one upload + 1 GiB.
   */
  cacheVolume: Size.gibibytes(4),
  /** DuckDB memory per query (QUERY_MEMORY_MB) and queries at once (QUERY_MAX_CONCURRENT): their sum stays under the container limit. */
  queryMemoryMb: 256,
  queryMaxConcurrent: 2,
  /** Spill space: four times each query's memory, for every query at once (data-services.ts), plus 512 MiB. */
  workVolume: Size.gibibytes(2.5),
  /**
   * The slowest the server should take to inspect and commit an upload after its last byte
   * (one strict read of the file, then a copy): the longest silence on an upload's connection
   * is that, so the load balancer's idle timeout must outlast MAX_UPLOAD_BYTES at this rate.
   */
  minProcessingBytesPerSecond: 2 * 1024 ** 2,
} as const;

/** The ALB idle timeout: at least 300 s (WebSockets between events), and long enough for the largest upload's processing. */
export function albIdleTimeoutSeconds(maxUploadBytes: number): number {
  return Math.max(300, Math.ceil(maxUploadBytes / WEB_APP_DATA_LIMITS.minProcessingBytesPerSecond));
}

export interface WebAppDataSettings {
  readonly env: { [name: string]: kplus.EnvValue };
  readonly mounts: kplus.VolumeMount[];
}

const DATA_DIR = '/var/lib/datavis';
const CACHE_DIR = '/var/cache/datavis';

/**
 * Environment and volumes for the data features: STORAGE_URL and its cache on S3, or a
 * persistent volume locally; DATA_DIR (DuckDB spill space) on a volume of its own, since the
 * root file system is read-only; the upload and query limits.
 */
export function webAppDataSettings(scope: Construct, namespace: string, storage: WebAppStorage): WebAppDataSettings {
  const limits = WEB_APP_DATA_LIMITS;
  const env: { [name: string]: kplus.EnvValue } = {
    DATA_DIR: kplus.EnvValue.fromValue(DATA_DIR),
    MAX_UPLOAD_BYTES: kplus.EnvValue.fromValue(String(limits.maxUploadBytes)),
    QUERY_MEMORY_MB: kplus.EnvValue.fromValue(String(limits.queryMemoryMb)),
    QUERY_MAX_CONCURRENT: kplus.EnvValue.fromValue(String(limits.queryMaxConcurrent)),
  };
  if (storage.kind === 'persistent-volume') {
    const claim = new kplus.PersistentVolumeClaim(scope, 'data-claim', {
      metadata: { name: 'web-app-data', namespace },
      accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE],
      storage: storage.size ?? Size.gibibytes(10),
      storageClassName: storage.storageClass,
    });
    const data = kplus.Volume.fromPersistentVolumeClaim(scope, 'data-volume', claim);
    env.STORAGE_URL = kplus.EnvValue.fromValue(`file:${DATA_DIR}/objects`);
    return { env, mounts: [{ path: DATA_DIR, volume: data }] };
  }
  const work = kplus.Volume.fromEmptyDir(scope, 'work-volume', 'work', { sizeLimit: limits.workVolume });
  const cache = kplus.Volume.fromEmptyDir(scope, 'cache-volume', 'data-cache', { sizeLimit: limits.cacheVolume });
  env.STORAGE_URL = kplus.EnvValue.fromValue(`s3://${storage.bucket}/${WEB_APP_STORAGE_PREFIX}`);
  env.STORAGE_CACHE_DIR = kplus.EnvValue.fromValue(CACHE_DIR);
  env.STORAGE_CACHE_MAX_BYTES = kplus.EnvValue.fromValue(String(limits.cacheMaxBytes));
  env.AWS_REGION = kplus.EnvValue.fromValue(storage.region);
  return {
    env,
    mounts: [
      { path: DATA_DIR, volume: work },
      { path: CACHE_DIR, volume: cache },
    ],
  };
}
