import * as fs from 'fs';
import * as path from 'path';
import * as semver from 'semver';
import { ConfigError } from './config-error';
import { EnvironmentName } from './environment-name';
import {
  CHART_VERSION_PATTERN,
  EKS_ADDON_VERSION_PATTERN,
  PlatformRelease,
  RELEASE_CHART_KEYS,
  RELEASE_EKS_ADDON_KEYS,
  RELEASE_IMAGE_KEYS,
  ReleaseImages,
} from './release-schema';

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
const CHART_VERSION = new RegExp(CHART_VERSION_PATTERN);
const EKS_ADDON_VERSION = new RegExp(EKS_ADDON_VERSION_PATTERN);

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
  const imageRules: { readonly [K in keyof ReleaseImages]: (field: string, value: unknown) => string } = {
    webApp: (field, value) => requireMatch(field, value, IMAGE_TAG, 'an image tag'),
    notebookRunner: (field, value) => requireMatch(field, value, IMAGE_TAG, 'an image tag'),
    spark: (field, value) => {
      const spark = requirePinnedImage(field, value);
      if (!DIGEST_PINNED_IMAGE.test(spark)) {
        throw new ConfigError(field, spark, 'allowed: repository:tag@sha256:<digest> (the Spark base image is pinned by digest)');
      }
      sparkVersionOf(spark, field);
      return spark;
    },
    jupyterSingleUser: (field, value) => requirePinnedImage(field, value),
    clusterAutoscaler: (field, value) => {
      const image = requirePinnedImage(field, value);
      const autoscalerMinor = /:v(\d+\.\d+)\.\d+$/.exec(image)?.[1];
      if (autoscalerMinor !== kubernetesVersion) {
        throw new ConfigError(
          field,
          image,
          `allowed: a vMAJOR.MINOR.PATCH tag whose minor is the cluster's (${kubernetesVersion}.x), as Cluster Autoscaler supports only its own Kubernetes minor`,
        );
      }
      return image;
    },
  };
  // Every key of the schema (release-schema.ts) is checked; the rule table above must name
  // each image, which the type checker enforces.
  const checked = <K extends string>(keys: readonly K[], check: (key: K) => string) =>
    Object.fromEntries(keys.map((key) => [key, check(key)])) as { [P in K]: string };
  return {
    platformVersion: version,
    gitCommit,
    images: checked(RELEASE_IMAGE_KEYS, (key) => imageRules[key](`${where} images.${key}`, images[key])),
    charts: checked(RELEASE_CHART_KEYS, (key) =>
      requireMatch(`${where} charts.${key}`, charts[key], CHART_VERSION, 'an exact chart version x.y.z'),
    ),
    eksAddons: checked(RELEASE_EKS_ADDON_KEYS, (key) =>
      requireMatch(`${where} eksAddons.${key}`, eksAddons[key], EKS_ADDON_VERSION, 'an EKS add-on version vX.Y.Z-eksbuild.N'),
    ),
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
