import { Stack } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { NODE_ROLE_LABEL } from '../../charts';

/**
 * How often the web app Secret is re-read from Secrets Manager. RDS rotation changes the
 * password at once; until this refresh (and the rollout Reloader then starts) new database
 * connections fail, so it is kept short: the seven references read every minute are at most
 * about 300,000 Secrets Manager calls (USD 1.50) a month per environment.
 */
export const WEB_APP_SECRET_REFRESH = '1m';
export const EXTERNAL_SECRETS_NAMESPACE = 'external-secrets';
export const EXTERNAL_SECRETS_SERVICE_ACCOUNT = 'external-secrets';

/** The subset of the external-secrets chart's values the platform sets. */
export interface ExternalSecretsValues {
  readonly installCRDs: true;
  readonly serviceAccount: { readonly create: true; readonly name: string };
  readonly nodeSelector: Record<string, string>;
  readonly resources: { readonly requests: Record<string, string>; readonly limits: Record<string, string> };
}

export interface ExternalSecretsProps {
  readonly cluster: eks.ICluster;
  /** Chart version from the release file. */
  readonly chartVersion: string;
}

/**
 * External Secrets Operator: copies Secrets Manager values into Kubernetes Secrets at run
 * time, so no password is ever written into a template or a manifest. Its controller reaches
 * Secrets Manager through Pod Identity (see the data stack's workload roles).
 */
export class ExternalSecrets extends Construct {
  readonly release: eks.HelmChart;

  constructor(scope: Construct, id: string, props: ExternalSecretsProps) {
    super(scope, id);
    const values: ExternalSecretsValues = {
      installCRDs: true,
      serviceAccount: { create: true, name: EXTERNAL_SECRETS_SERVICE_ACCOUNT },
      nodeSelector: { [NODE_ROLE_LABEL]: 'system' },
      resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '256Mi' } },
    };
    this.release = props.cluster.addHelmChart('Release', {
      chart: 'external-secrets',
      repository: 'https://charts.external-secrets.io',
      version: props.chartVersion,
      release: 'external-secrets',
      namespace: EXTERNAL_SECRETS_NAMESPACE,
      createNamespace: true,
      wait: true,
      values: values as unknown as Record<string, unknown>,
    });
  }
}

export interface WebAppSecretProps {
  readonly cluster: eks.ICluster;
  readonly operator: ExternalSecrets;
  /** Namespace of the web app (the store serves this namespace only). */
  readonly namespace: string;
  /** Kubernetes Secret the web app's Deployment reads. */
  readonly targetSecretName: string;
  /** RDS-generated credentials: JSON with username, password, host, port, dbname. */
  readonly databaseSecret: secretsmanager.ISecret;
  /** CA bundle path inside the web app image that verifies the RDS server certificate. */
  readonly databaseCaFile: string;
  readonly jwtSecret: secretsmanager.ISecret;
  readonly cacheAuthSecret: secretsmanager.ISecret;
  readonly cacheHost: string;
  readonly cachePort: string;
}

/** The web app's Kubernetes Secret, assembled by External Secrets from Secrets Manager. */
export class WebAppSecret extends Construct {
  readonly manifest: eks.KubernetesManifest;

  constructor(scope: Construct, id: string, props: WebAppSecretProps) {
    super(scope, id);
    const storeName = `${props.namespace}-secrets-manager`;
    const remote = (secretKey: string, secret: secretsmanager.ISecret, property?: string) => ({
      secretKey,
      remoteRef: { key: secret.secretArn, ...(property === undefined ? {} : { property }) },
    });
    this.manifest = new eks.KubernetesManifest(this, 'Manifest', {
      cluster: props.cluster,
      manifest: [
        {
          apiVersion: 'external-secrets.io/v1',
          kind: 'ClusterSecretStore',
          metadata: { name: storeName },
          spec: {
            provider: { aws: { service: 'SecretsManager', region: Stack.of(this).region } },
            // Only ExternalSecrets in the web app's namespace may read through this store.
            conditions: [{ namespaces: [props.namespace] }],
          },
        },
        {
          apiVersion: 'external-secrets.io/v1',
          kind: 'ExternalSecret',
          metadata: { name: props.targetSecretName, namespace: props.namespace },
          spec: {
            refreshInterval: WEB_APP_SECRET_REFRESH,
            secretStoreRef: { kind: 'ClusterSecretStore', name: storeName },
            target: {
              name: props.targetSecretName,
              creationPolicy: 'Owner',
              template: {
                engineVersion: 'v2',
                data: {
                  DATABASE_URL: `mysql://{{ .dbUser }}:{{ .dbPassword | urlquery }}@{{ .dbHost }}:{{ .dbPort }}/{{ .dbName }}?sslCa=${props.databaseCaFile}`,
                  JWT_SECRET: '{{ .jwtSecret }}',
                  REDIS_URL: `rediss://:{{ .cacheToken | urlquery }}@${props.cacheHost}:${props.cachePort}`,
                },
              },
            },
            data: [
              remote('dbUser', props.databaseSecret, 'username'),
              remote('dbPassword', props.databaseSecret, 'password'),
              remote('dbHost', props.databaseSecret, 'host'),
              remote('dbPort', props.databaseSecret, 'port'),
              remote('dbName', props.databaseSecret, 'dbname'),
              remote('jwtSecret', props.jwtSecret),
              remote('cacheToken', props.cacheAuthSecret),
            ],
          },
        },
      ],
    });
    this.manifest.node.addDependency(props.operator.release);
  }
}
