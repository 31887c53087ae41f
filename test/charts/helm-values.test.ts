import Ajv from 'ajv';
import { readSpecYaml } from '../support/specs';
import { jupyterHubValues } from '../../charts/jupyterhub-values';
import { sparkOperatorValues } from '../../charts/spark-operator-values';
import { ENVIRONMENT_NAMES, readRelease } from '../../lib/config';
import { helmMerge, unknownKeyPaths } from './support/helm-values';
import { CERT_ARN, cloudCharts } from './support/platform';
import { localPlatform } from '../../charts/local';

type Json = any;

const ajv = new Ajv({ strict: false, allErrors: true });
const validateJupyterHub = ajv.compile(readSpecYaml<object>('jupyterhub', 'values.schema.yaml'));
const jupyterHubDefaults = readSpecYaml<Json>('jupyterhub', 'values.yaml');

function jupyterHubErrors(values: Json): string[] {
  const merged = helmMerge(jupyterHubDefaults, values);
  return validateJupyterHub(merged) ? [] : (validateJupyterHub.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe('JupyterHub values (z2jh 4.4.0)', () => {
  const cloud = cloudCharts().jupyterHubValues;
  const local = localPlatform().charts.jupyterHubValues;

  test('are written for the chart version every release file pins', () => {
    for (const env of ENVIRONMENT_NAMES) expect({ env, chart: readRelease(env).charts.jupyterhub }).toEqual({ env, chart: '4.4.0' });
    expect(readSpecYaml<Json>('jupyterhub', 'Chart.yaml').appVersion).toBe('5.5.0');
  });

  test.each([
    ['cloud', cloud],
    ['local', local],
  ])('%s values merged onto the chart defaults validate against values.schema.yaml', (_env, values) => {
    expect(jupyterHubErrors(values)).toEqual([]);
  });

  test('a value of the wrong type or an unknown top-level key fails the schema', () => {
    expect(jupyterHubErrors({ ...cloud, cull: { ...cloud.cull, timeout: 'an hour' } }).join('\n')).toMatch(/\/cull\/timeout must be/);
    expect(jupyterHubErrors({ ...cloud, notAKey: true }).join('\n')).toMatch(/must NOT have additional properties/);
  });

  test('single-user pods get the restricted security contexts and no privileged iptables init container', () => {
    const ks = cloud.hub.config.KubeSpawner;
    expect(ks.pod_security_context).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(ks.container_security_context).toMatchObject({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      runAsNonRoot: true,
    });
    expect(cloud.singleuser.cloudMetadata.blockWithIptables).toBe(false);
    expect(cloud.singleuser.networkPolicy.egressAllowRules.cloudMetadataServer).toBe(false);
  });

  test("the chart's own pods keep restricted container security contexts in the merged values", () => {
    const merged = helmMerge(jupyterHubDefaults, cloud);
    for (const path of [
      ['proxy', 'chp'],
      ['proxy', 'traefik'],
      ['scheduling', 'userScheduler'],
      ['scheduling', 'userPlaceholder'],
      ['prePuller'],
      ['prePuller', 'hook'],
      ['prePuller', 'pause'],
      ['proxy', 'secretSync'],
    ]) {
      const sc = path.reduce((o: Json, k) => o[k], merged).containerSecurityContext;
      expect(sc).toMatchObject({
        runAsNonRoot: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      });
    }
    expect(merged.hub.podSecurityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(merged.hub.containerSecurityContext).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
  });

  test('profiles: small (default), large and spark with its own service account; gp3 storage; idle culler; pinned image', () => {
    expect(cloud.singleuser.profileList.map((p) => p.slug)).toEqual(['small', 'large', 'spark']);
    expect(cloud.singleuser.profileList.find((p) => p.default)?.slug).toBe('small');
    const spark = cloud.singleuser.profileList.find((p) => p.slug === 'spark')!;
    expect(spark.kubespawner_override.service_account).toBe('jupyter-singleuser');
    expect(cloud.singleuser.serviceAccountName).toBe('jupyter-singleuser');
    for (const p of cloud.singleuser.profileList.filter((x) => x.slug !== 'spark'))
      expect(p.kubespawner_override.automount_service_account_token).toBe(false);
    expect(spark.kubespawner_override.automount_service_account_token).toBe(true);
    expect(cloud.singleuser.storage.dynamic.storageClass).toBe('gp3');
    expect(cloud.cull).toMatchObject({ enabled: true, timeout: 3600 });
    expect(cloud.singleuser.image.tag).not.toMatch(/^(latest|)$/);
  });

  test('HTTPS through the ALB on AWS, no ingress locally', () => {
    expect(cloud.ingress).toMatchObject({ enabled: true, ingressClassName: 'alb', hosts: ['hub.datavis.example.com'] });
    expect(cloud.ingress.annotations?.['alb.ingress.kubernetes.io/certificate-arn']).toBe(CERT_ARN);
    expect(cloud.proxy.service.type).toBe('ClusterIP');
    expect(local.ingress.enabled).toBe(false);
  });

  test('users sign in with the native authenticator: no open sign-up, strong passwords, throttled failures', () => {
    const config = (cloud as Json).hub.config;
    expect(config.JupyterHub.authenticator_class).toBe('nativeauthenticator.NativeAuthenticator');
    expect(config.NativeAuthenticator).toMatchObject({ open_signup: false, minimum_password_length: 12, check_common_password: true });
    expect(config.Authenticator.admin_users).toEqual(['admin']);
  });

  test('refuses an unpinned image', () => {
    expect(() =>
      jupyterHubValues({
        exposure: { kind: 'cluster-ip' },
        vpcCidr: '10.0.0.0/16',
        singleuserImage: { name: 'x', tag: 'latest' },
        sparkPodTemplates: { configMapName: 'spark-pod-templates', mountPath: '/etc/spark-pod-templates', executorFile: 'executor.yaml' },
      }),
    ).toThrow(/singleuserImage.tag must be pinned/);
  });
});

describe('Spark operator values (chart 2.5.2)', () => {
  const defaults = readSpecYaml<Json>('spark-operator', 'values.yaml');
  const values = cloudCharts().sparkOperatorValues;

  test('every release file pins the chart version of the specs', () => {
    const vendored = readSpecYaml<Json>('spark-operator', 'Chart.yaml').version;
    for (const env of ENVIRONMENT_NAMES) expect({ env, chart: readRelease(env).charts.sparkOperator }).toEqual({ env, chart: vendored });
  });

  test("every key path exists in the chart's values.yaml", () => {
    expect(unknownKeyPaths(values, defaults)).toEqual([]);
  });

  test('a misspelt key is caught', () => {
    expect(unknownKeyPaths({ ...values, spark: { ...values.spark, jobNamespace: ['x'] } }, defaults)).toEqual(['spark.jobNamespace']);
  });

  test('watches the Spark namespace only, leaves driver RBAC to SparkChart and keeps the webhook', () => {
    expect(values.spark).toEqual({ jobNamespaces: ['spark-jobs'], serviceAccount: { create: false }, rbac: { create: false } });
    expect(values.webhook.enable).toBe(true);
    expect(() => sparkOperatorValues({ jobNamespaces: [''] })).toThrow(/every namespace/);
  });
});
