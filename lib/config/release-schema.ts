import { Type, type Static } from '@sinclair/typebox';

/**
 * The shape of a release file (releases/<env>.json), declared once: the TypeScript types in
 * release.ts, the keys validateRelease() walks and the web app's response schema all come
 * from here, so a new pin is one edit to this file (plus the rule that checks its value).
 * TypeBox rather than an interface because a schema is a value the API can serve.
 */

/** Exact chart version x.y.z. */
export const CHART_VERSION_PATTERN = '^\\d+\\.\\d+\\.\\d+$';
/** EKS managed add-on version vX.Y.Z-eksbuild.N. */
export const EKS_ADDON_VERSION_PATTERN = '^v\\d+\\.\\d+\\.\\d+-eksbuild\\.\\d+$';

const chartVersion = (description: string) => Type.String({ description, pattern: CHART_VERSION_PATTERN });

/** Image tags; each is the tag of an image built from this repository or a pinned upstream image. */
export const ReleaseImagesSchema = Type.Object(
  {
    webApp: Type.String({ description: 'Tag of the web app image built from app/Dockerfile' }),
    notebookRunner: Type.String({ description: 'Tag of the Papermill runner image built from notebooks/runner/Dockerfile' }),
    spark: Type.String({
      description:
        'Upstream Spark image the platform Spark image is built FROM (repository:tag@sha256:digest); its tag is the Spark version every SparkApplication declares',
    }),
    jupyterSingleUser: Type.String({ description: 'JupyterHub single-user image (repository:tag)' }),
    clusterAutoscaler: Type.String({
      description: "Cluster Autoscaler image (repository:vMAJOR.MINOR.PATCH); its minor must be the cluster's",
    }),
  },
  { description: 'Images the environment runs' },
);

/** Helm chart versions. */
export const ReleaseChartsSchema = Type.Object(
  {
    sparkOperator: chartVersion('kubeflow/spark-operator'),
    jupyterhub: chartVersion('jupyterhub/zero-to-jupyterhub-k8s'),
    awsLoadBalancerController: chartVersion('kubernetes-sigs/aws-load-balancer-controller'),
    clusterAutoscaler: chartVersion('kubernetes/autoscaler cluster-autoscaler'),
    externalSecrets: chartVersion('external-secrets/external-secrets'),
    externalDns: chartVersion('kubernetes-sigs/external-dns'),
    reloader: chartVersion('stakater/Reloader'),
    headlamp: chartVersion('kubernetes-sigs/headlamp, the Kubernetes dashboard'),
  },
  { description: 'Helm chart versions, exact x.y.z' },
);

/**
 * Versions of EKS managed add-ons (`aws eks describe-addon-versions`). The add-on renders the
 * upstream chart of the same MAJOR.MINOR.PATCH.
 */
export const ReleaseEksAddonsSchema = Type.Object(
  {
    cloudwatchObservability: Type.String({
      description: 'amazon-cloudwatch-observability: Container Insights and Fluent Bit application logs',
      pattern: EKS_ADDON_VERSION_PATTERN,
    }),
  },
  { description: 'EKS managed add-on versions, vX.Y.Z-eksbuild.N' },
);

/**
 * Everything one environment runs, pinned in a checked-in file (releases/<env>.json).
 * Synthesis of an environment uses only what its release file pins; promotion moves a
 * release forward one stage at a time.
 */
export const PlatformReleaseSchema = Type.Object(
  {
    platformVersion: Type.String({ description: 'Semantic version of the platform; prod runs 1.0.0 and up, local stays on 0.x' }),
    gitCommit: Type.String({ description: 'The git commit the release was cut from (40 hex digits)', pattern: '^[0-9a-f]{40}$' }),
    images: ReleaseImagesSchema,
    charts: ReleaseChartsSchema,
    eksAddons: ReleaseEksAddonsSchema,
    kubernetesVersion: Type.String({ description: 'EKS control plane version, e.g. "1.36"' }),
    rdsEngineVersion: Type.String({ description: 'RDS for MySQL engine version, e.g. "8.4.10"' }),
  },
  { description: 'What the environment pins in its checked-in release file' },
);

export type ReleaseImages = Readonly<Static<typeof ReleaseImagesSchema>>;
export type ReleaseCharts = Readonly<Static<typeof ReleaseChartsSchema>>;
export type ReleaseEksAddons = Readonly<Static<typeof ReleaseEksAddonsSchema>>;
export type PlatformRelease = Readonly<
  Omit<Static<typeof PlatformReleaseSchema>, 'images' | 'charts' | 'eksAddons'> & {
    images: ReleaseImages;
    charts: ReleaseCharts;
    eksAddons: ReleaseEksAddons;
  }
>;

/** The image keys, in release file order. */
export const RELEASE_IMAGE_KEYS = Object.keys(ReleaseImagesSchema.properties) as (keyof ReleaseImages)[];
/** The chart keys, in release file order: every one is checked the same way. */
export const RELEASE_CHART_KEYS = Object.keys(ReleaseChartsSchema.properties) as (keyof ReleaseCharts)[];
/** The EKS add-on keys, in release file order. */
export const RELEASE_EKS_ADDON_KEYS = Object.keys(ReleaseEksAddonsSchema.properties) as (keyof ReleaseEksAddons)[];
