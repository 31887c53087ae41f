import * as fs from 'fs';
import * as path from 'path';
import * as semver from 'semver';
import { ConfigError } from './config-error';
import { EnvironmentName } from './environment-name';

/**
 * Everything one environment runs, pinned in a checked-in file (releases/<env>.json).
 * Synthesis of an environment uses only what its release file pins; promotion moves a
 * release forward one stage at a time.
 */
export interface PlatformRelease {
  /** Semantic version of the platform; prod runs 1.0.0 and up, local stays on 0.x. */
  readonly platformVersion: string;
  /** The git commit the release was cut from (40 hex digits). */
  readonly gitCommit: string;
  readonly images: ReleaseImages;
  readonly charts: ReleaseCharts;
  readonly eksAddons: ReleaseEksAddons;
  /** EKS control plane version, e.g. "1.36". */
  readonly kubernetesVersion: string;
  /** RDS for MySQL engine version, e.g. "8.4.10". */
  readonly rdsEngineVersion: string;
}

/** Image tags; each is the tag of an image built from this repository or a pinned upstream image. */
export interface ReleaseImages {
  /** Tag of the web app image built from app/Dockerfile. */
  readonly webApp: string;
  /** Tag of the Papermill runner image built from notebooks/runner/Dockerfile. */
  readonly notebookRunner: string;
  /**
   * Upstream Spark image the platform Spark image is built FROM (repository:tag@sha256:digest);
   * its tag is the Spark version every SparkApplication declares.
   */
  readonly spark: string;
  /** JupyterHub single-user image (repository:tag). */
  readonly jupyterSingleUser: string;
  /** Cluster Autoscaler image (repository:vMAJOR.MINOR.PATCH); its minor must be the cluster's. */
  readonly clusterAutoscaler: string;
}

/** Helm chart versions. */
export interface ReleaseCharts {
  readonly sparkOperator: string;
  readonly jupyterhub: string;
  readonly awsLoadBalancerController: string;
  readonly clusterAutoscaler: string;
  readonly externalSecrets: string;
  readonly externalDns: string;
  readonly reloader: string;
  /** kubernetes-sigs/headlamp, the Kubernetes dashboard. */
  readonly headlamp: string;
}

/**
 * Versions of EKS managed add-ons (`aws eks describe-addon-versions`), vMAJOR.MINOR.PATCH-eksbuild.N.
 * The add-on renders the upstream chart of the same MAJOR.MINOR.PATCH.
 */
export interface ReleaseEksAddons {
  /** amazon-cloudwatch-observability: Container Insights and Fluent Bit application logs. */
  readonly cloudwatchObservability: string;
}

export const RELEASES_DIR = path.join(__dirname, 'releases');

export const SUPPORTED_KUBERNETES_VERSIONS = ['1.35', '1.36'] as const;
export const SUPPORTED_RDS_ENGINE_VERSIONS = ['8.4.8', '8.4.9', '8.4.10'] as const;

export function releaseFile(env: EnvironmentName, dir: string = RELEASES_DIR): string {
  return path.join(dir, `${env}.json`);
}

export function readRelease(env: EnvironmentName, dir: string = RELEASES_DIR): PlatformRelease {
  const file = releaseFile(env, dir);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`releases/${env}.json`, (err as Error).message, 'the file must exist and hold one JSON object');
  }
  return validateRelease(env, raw);
}

const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const IMAGE_REF =
  /^[a-z0-9]+([._/-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}(@sha256:[0-9a-f]{64})?$/;
const DIGEST_PINNED_IMAGE = /@sha256:[0-9a-f]{64}$/;
const CHART_VERSION = /^\d+\.\d+\.\d+$/;
const EKS_ADDON_VERSION = /^v\d+\.\d+\.\d+-eksbuild\.\d+$/;

/** Checks a parsed release file; every failure names the field and what is allowed. */
export function validateRelease(env: EnvironmentName, raw: unknown): PlatformRelease {
  const where = `releases/${env}.json`;
  const obj = requireObject(where, raw);
  const version = requireString(`${where} platformVersion`, obj.platformVersion);
  if (semver.valid(version) === null) {
    throw new ConfigError(`${where} platformVersion`, version, 'allowed: a semantic version such as 1.2.3 or 1.3.0-rc.1');
  }
  if (env === 'prod' && semver.lt(version, '1.0.0')) {
    throw new ConfigError(`${where} platformVersion`, version, 'prod runs platform version 1.0.0 or later');
  }
  if (env === 'local' && semver.major(version) !== 0) {
    throw new ConfigError(`${where} platformVersion`, version, 'local runs 0.x versions only');
  }
  const gitCommit = requireString(`${where} gitCommit`, obj.gitCommit);
  if (!/^[0-9a-f]{40}$/.test(gitCommit)) {
    throw new ConfigError(`${where} gitCommit`, gitCommit, 'allowed: a full 40-character lowercase hex commit id');
  }
  const images = requireObject(`${where} images`, obj.images);
  const charts = requireObject(`${where} charts`, obj.charts);
  const eksAddons = requireObject(`${where} eksAddons`, obj.eksAddons);
  const kubernetesVersion = requireString(`${where} kubernetesVersion`, obj.kubernetesVersion);
  requireOneOf(`${where} kubernetesVersion`, kubernetesVersion, SUPPORTED_KUBERNETES_VERSIONS);
  const rdsEngineVersion = requireString(`${where} rdsEngineVersion`, obj.rdsEngineVersion);
  requireOneOf(`${where} rdsEngineVersion`, rdsEngineVersion, SUPPORTED_RDS_ENGINE_VERSIONS);
  const chart = (key: keyof ReleaseCharts) =>
    requireMatch(`${where} charts.${key}`, charts[key], CHART_VERSION, 'an exact chart version x.y.z');
  const spark = requirePinnedImage(`${where} images.spark`, images.spark);
  if (!DIGEST_PINNED_IMAGE.test(spark)) {
    throw new ConfigError(
      `${where} images.spark`,
      spark,
      'allowed: repository:tag@sha256:<digest> (the Spark base image is pinned by digest)',
    );
  }
  sparkVersionOf(spark, `${where} images.spark`);
  const clusterAutoscaler = requirePinnedImage(`${where} images.clusterAutoscaler`, images.clusterAutoscaler);
  const autoscalerMinor = /:v(\d+\.\d+)\.\d+$/.exec(clusterAutoscaler)?.[1];
  if (autoscalerMinor !== kubernetesVersion) {
    throw new ConfigError(
      `${where} images.clusterAutoscaler`,
      clusterAutoscaler,
      `allowed: a vMAJOR.MINOR.PATCH tag whose minor is the cluster's (${kubernetesVersion}.x), as Cluster Autoscaler supports only its own Kubernetes minor`,
    );
  }
  return {
    platformVersion: version,
    gitCommit,
    images: {
      webApp: requireMatch(`${where} images.webApp`, images.webApp, IMAGE_TAG, 'an image tag'),
      notebookRunner: requireMatch(`${where} images.notebookRunner`, images.notebookRunner, IMAGE_TAG, 'an image tag'),
      spark,
      jupyterSingleUser: requirePinnedImage(`${where} images.jupyterSingleUser`, images.jupyterSingleUser),
      clusterAutoscaler,
    },
    charts: {
      sparkOperator: chart('sparkOperator'),
      jupyterhub: chart('jupyterhub'),
      awsLoadBalancerController: chart('awsLoadBalancerController'),
      clusterAutoscaler: chart('clusterAutoscaler'),
      externalSecrets: chart('externalSecrets'),
      externalDns: chart('externalDns'),
      reloader: chart('reloader'),
      headlamp: chart('headlamp'),
    },
    eksAddons: {
      cloudwatchObservability: requireMatch(
        `${where} eksAddons.cloudwatchObservability`,
        eksAddons.cloudwatchObservability,
        EKS_ADDON_VERSION,
        'an EKS add-on version vX.Y.Z-eksbuild.N',
      ),
    },
    kubernetesVersion,
    rdsEngineVersion,
  };
}

function requireObject(field: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(field, value, 'allowed: a JSON object');
  }
  return value as Record<string, unknown>;
}

function requireString(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new ConfigError(field, value, 'allowed: a non-empty string');
  }
  return value;
}

function requireMatch(field: string, value: unknown, pattern: RegExp, what: string): string {
  const text = requireString(field, value);
  if (!pattern.test(text)) {
    throw new ConfigError(field, text, `allowed: ${what}`);
  }
  return text;
}

function requirePinnedImage(field: string, value: unknown): string {
  const image = requireMatch(field, value, IMAGE_REF, 'an image reference with an explicit tag, repository:tag');
  if (image.endsWith(':latest')) {
    throw new ConfigError(field, image, 'the tag "latest" is not allowed: pin a version');
  }
  return image;
}

function requireOneOf<T extends string>(field: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(field, value, `allowed: ${allowed.join(', ')}`);
  }
  return value as T;
}

/** Splits repository:tag[@sha256:digest] into its parts. */
export function parseImageRef(image: string): { repository: string; tag: string; digest?: string } {
  const [nameAndTag, digest] = image.split('@');
  const colon = nameAndTag.lastIndexOf(':');
  return { repository: nameAndTag.slice(0, colon), tag: nameAndTag.slice(colon + 1), ...(digest ? { digest } : {}) };
}

/** The Spark version an apache/spark image carries: its tag, e.g. 4.0.4 (SparkApplication spec.sparkVersion). */
export function sparkVersionOf(image: string, field = 'images.spark'): string {
  const { tag } = parseImageRef(image);
  if (!/^\d+\.\d+\.\d+$/.test(tag)) {
    throw new ConfigError(field, image, 'allowed: an apache/spark image whose tag is the Spark version x.y.z');
  }
  return tag;
}
