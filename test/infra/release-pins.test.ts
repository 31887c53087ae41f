import * as fs from 'fs';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ConfigError, ENVIRONMENT_NAMES, RELEASES_DIR, readRelease, validateRelease } from '../../lib/config';
import { copyReleases, editRelease } from '../promotion/release-fixtures';
import { SynthesizedPlatform, removeAssembly, synthesizePlatform } from '../support/platform-synth';
import { ClusterAssembly } from './support/cluster-assembly';

/**
 * The release file is the one source of every version: changing a pin in
 * lib/config/releases/<env>.json changes the synthesized templates, and no version it pins is
 * written again in code.
 */
const REPO = path.resolve(__dirname, '../..');

function pinsOf(synthesized: SynthesizedPlatform) {
  const { cluster, data } = synthesized.platforms.get('dev')!;
  const assembly = new ClusterAssembly(cluster);
  const template = (stack: Stack) => Template.fromStack(stack).toJSON();
  const eks = Object.values(assembly.resources).find((r) => r.Type === 'AWS::EKS::Cluster')!;
  const rds = Object.values(template(data).Resources as Record<string, any>).find((r) => r.Type === 'AWS::RDS::DBInstance');
  const hub = assembly.release('jupyterhub');
  // Images built from this repository are referenced by content hash (the asset's ECR tag).
  const imageHashes = [...new Set(JSON.stringify(template(cluster)).match(/container-assets-[^:"]+:[0-9a-f]{64}/g) ?? [])].sort();
  return {
    kubernetes: eks.Properties!.Version,
    rds: rds.Properties.EngineVersion,
    charts: Object.fromEntries(assembly.releases.map((r) => [r.chart, r.version])),
    eksAddons: Object.fromEntries(
      Object.values(assembly.resources)
        .filter((r) => r.Type === 'AWS::EKS::Addon' && r.Properties?.AddonVersion !== undefined)
        .map((r) => [r.Properties!.AddonName, r.Properties!.AddonVersion]),
    ),
    singleUser: `${hub.values.singleuser.image.name}:${hub.values.singleuser.image.tag}`,
    autoscalerImage: assembly.release('cluster-autoscaler').values.image,
    sparkVersion: (assembly.manifests.flatMap((m) => m.objects).find((o) => o.kind === 'SparkApplication') as any).spec.sparkVersion,
    imageHashes,
  };
}

describe('the release file is the single source of versions', () => {
  let fixture: ReturnType<typeof copyReleases>;
  let baseline: ReturnType<typeof pinsOf>;
  let changed: ReturnType<typeof pinsOf>;
  beforeAll(() => {
    fixture = copyReleases();
    const before = synthesizePlatform({ releasesDir: fixture.dir, appProps: { context: { env: 'dev' } } });
    baseline = pinsOf(before);
    removeAssembly(before);
    editRelease(fixture.dir, 'dev', {
      kubernetesVersion: '1.35',
      rdsEngineVersion: '8.4.9',
      images: {
        webApp: '9.9.9',
        spark: 'docker.io/apache/spark:4.0.5@sha256:' + 'a'.repeat(64),
        jupyterSingleUser: 'quay.io/jupyter/pyspark-notebook:spark-4.0.2',
        clusterAutoscaler: 'registry.k8s.io/autoscaling/cluster-autoscaler:v1.35.2',
      },
      charts: {
        jupyterhub: '4.4.1',
        sparkOperator: '2.5.3',
        clusterAutoscaler: '9.58.0',
        externalSecrets: '0.20.2',
        reloader: '2.2.17',
        headlamp: '0.44.0',
      },
      eksAddons: { cloudwatchObservability: 'v6.3.0-eksbuild.2' },
    });
    const after = synthesizePlatform({ releasesDir: fixture.dir, appProps: { context: { env: 'dev' } } });
    changed = pinsOf(after);
    removeAssembly(after);
  });
  afterAll(() => fixture.cleanup());

  test('the checked-in pins are what the dev templates deploy', () => {
    const release = readRelease('dev');
    expect(baseline).toMatchObject({
      kubernetes: release.kubernetesVersion,
      rds: release.rdsEngineVersion,
      singleUser: release.images.jupyterSingleUser,
      autoscalerImage: {
        repository: 'registry.k8s.io/autoscaling/cluster-autoscaler',
        tag: release.images.clusterAutoscaler.split(':').pop(),
      },
      sparkVersion: release.images.spark.split('@')[0].split(':').pop(),
    });
    expect(baseline.charts).toMatchObject({
      jupyterhub: release.charts.jupyterhub,
      'spark-operator': release.charts.sparkOperator,
      'cluster-autoscaler': release.charts.clusterAutoscaler,
      'external-secrets': release.charts.externalSecrets,
      reloader: release.charts.reloader,
      'aws-load-balancer-controller': release.charts.awsLoadBalancerController,
      headlamp: release.charts.headlamp,
    });
    expect(baseline.eksAddons).toEqual({ 'amazon-cloudwatch-observability': release.eksAddons.cloudwatchObservability });
  });

  test('changing each pin changes the template accordingly', () => {
    expect(changed).toMatchObject({
      kubernetes: '1.35',
      rds: '8.4.9',
      singleUser: 'quay.io/jupyter/pyspark-notebook:spark-4.0.2',
      autoscalerImage: { repository: 'registry.k8s.io/autoscaling/cluster-autoscaler', tag: 'v1.35.2' },
      sparkVersion: '4.0.5',
    });
    expect(changed.charts).toMatchObject({
      jupyterhub: '4.4.1',
      'spark-operator': '2.5.3',
      'cluster-autoscaler': '9.58.0',
      'external-secrets': '0.20.2',
      reloader: '2.2.17',
      headlamp: '0.44.0',
    });
    expect(changed.eksAddons).toEqual({ 'amazon-cloudwatch-observability': 'v6.3.0-eksbuild.2' });
    // The web app and Spark images are built with their pins as build arguments: new content hashes.
    expect(baseline.imageHashes).toHaveLength(3);
    expect(changed.imageHashes.filter((h) => !baseline.imageHashes.includes(h))).toHaveLength(2);
  });

  test('no version a release file pins is written again as a literal in the code', () => {
    const pinned = new Set<string>();
    for (const env of ENVIRONMENT_NAMES) {
      const release = JSON.parse(fs.readFileSync(path.join(RELEASES_DIR, `${env}.json`), 'utf8'));
      // images.webApp and images.notebookRunner are the platform's own version, not a third-party pin.
      const { webApp: _web, notebookRunner: _runner, ...thirdParty } = release.images;
      const pins = [
        ...Object.values<string>(release.charts),
        ...Object.values<string>(release.eksAddons),
        ...Object.values<string>(thirdParty),
      ];
      for (const value of pins) {
        pinned.add(value);
        const tag = value.split('@')[0].split(':').pop()!;
        if (/\d/.test(tag)) pinned.add(tag);
      }
    }
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) return e.name === 'imports' || e.name === 'releases' ? [] : files(full);
        return e.name.endsWith('.ts') ? [full] : [];
      });
    const literals: string[] = [];
    for (const file of [...files(path.join(REPO, 'lib')), ...files(path.join(REPO, 'charts'))]) {
      const text = fs.readFileSync(file, 'utf8');
      for (const value of pinned)
        if (new RegExp(`['"\`]${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"\`]`).test(text))
          literals.push(`${path.relative(REPO, file)}: ${value}`);
    }
    expect(literals).toEqual([]);
  });
});

describe('Cluster Autoscaler follows the cluster minor', () => {
  test('every release pins a Cluster Autoscaler image of its Kubernetes minor', () => {
    for (const env of ENVIRONMENT_NAMES) {
      const release = readRelease(env);
      expect({ env, minor: /:v(\d+\.\d+)\.\d+$/.exec(release.images.clusterAutoscaler)![1] }).toEqual({
        env,
        minor: release.kubernetesVersion,
      });
    }
  });

  test('a release whose autoscaler minor differs from the cluster is refused, naming the field', () => {
    const raw = JSON.parse(fs.readFileSync(path.join(RELEASES_DIR, 'dev.json'), 'utf8'));
    raw.images.clusterAutoscaler = 'registry.k8s.io/autoscaling/cluster-autoscaler:v1.34.1';
    expect(() => validateRelease('dev', raw)).toThrow(ConfigError);
    expect(() => validateRelease('dev', raw)).toThrow(
      /releases\/dev\.json images\.clusterAutoscaler .*minor is the cluster's \(1\.36\.x\)/,
    );
  });

  test('a Spark base image without a digest is refused', () => {
    const raw = JSON.parse(fs.readFileSync(path.join(RELEASES_DIR, 'dev.json'), 'utf8'));
    raw.images.spark = 'docker.io/apache/spark:4.0.4';
    expect(() => validateRelease('dev', raw)).toThrow(/images\.spark .*pinned by digest/);
  });
});
