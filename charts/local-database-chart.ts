import { Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-34';
import { Construct } from 'constructs';
import { componentLabels, selectorLabels } from './lib/labels';
import { allowTcpIngress } from './lib/network-policies';
import { restrictedContainerSecurity, restrictedPodSecurity } from './lib/security';
import { assertDnsLabel, assertPinnedImage } from './lib/validation';

/** The MySQL release the local environment runs in place of RDS (8.4 LTS, like the RDS engine family). */
export const LOCAL_MYSQL_IMAGE = 'docker.io/library/mysql:8.4.6';
/** UID/GID of the mysql user in the official image. */
const MYSQL_UID = 999;

export interface LocalDatabaseChartProps {
  /** Namespace the web app runs in; the database sits beside it. Must already exist (WebAppChart creates it). */
  readonly namespace: string;
  /**
   * Secret created out-of-band (`kubectl create secret generic`) with keys
   * MYSQL_ROOT_PASSWORD and MYSQL_PASSWORD; the chart only references it.
   */
  readonly secretName: string;
  /** @default 'datavis' */
  readonly database?: string;
  /** @default 'datavis' */
  readonly user?: string;
  /** @default LOCAL_MYSQL_IMAGE */
  readonly image?: string;
  /** @default 5 GiB */
  readonly storage?: Size;
}

/** MySQL as a one-replica StatefulSet for laptop clusters (the cloud environments use RDS). */
export class LocalDatabaseChart extends Chart {
  /** Host name of the database inside the cluster: mysql.<namespace>.svc. */
  public readonly host: string;

  public constructor(scope: Construct, id: string, props: LocalDatabaseChartProps) {
    super(scope, id);
    assertDnsLabel('secretName', props.secretName);
    const image = props.image ?? LOCAL_MYSQL_IMAGE;
    assertPinnedImage('image', image);
    const ns = props.namespace;
    const name = 'mysql';
    const labels = componentLabels(name, 'database');
    this.host = `${name}.${ns}.svc`;
    const secret = kplus.Secret.fromSecretName(this, 'secret', props.secretName);

    const service = new kplus.Service(this, 'service', {
      metadata: { name, namespace: ns, labels },
      clusterIP: 'None',
      ports: [{ name: 'mysql', port: 3306, targetPort: 3306 }],
    });
    const run = kplus.Volume.fromEmptyDir(this, 'run', 'run', { sizeLimit: Size.mebibytes(16) });
    const tmp = kplus.Volume.fromEmptyDir(this, 'tmp', 'tmp', { sizeLimit: Size.mebibytes(512) });
    const data = kplus.Volume.fromName(this, 'data', 'data');
    new kplus.StatefulSet(this, 'statefulset', {
      metadata: { name, namespace: ns, labels },
      podMetadata: { labels },
      service,
      replicas: 1,
      volumeClaimTemplates: [
        {
          name: 'data',
          storage: props.storage ?? Size.gibibytes(5),
          accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE],
        },
      ],
      automountServiceAccountToken: false,
      securityContext: restrictedPodSecurity({ user: MYSQL_UID, group: MYSQL_UID }),
      containers: [
        {
          name,
          image,
          imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
          ports: [{ number: 3306, name: 'mysql' }],
          envVariables: {
            MYSQL_DATABASE: kplus.EnvValue.fromValue(props.database ?? 'datavis'),
            MYSQL_USER: kplus.EnvValue.fromValue(props.user ?? 'datavis'),
            MYSQL_ROOT_PASSWORD: kplus.EnvValue.fromSecretValue({ secret, key: 'MYSQL_ROOT_PASSWORD' }),
            MYSQL_PASSWORD: kplus.EnvValue.fromSecretValue({ secret, key: 'MYSQL_PASSWORD' }),
          },
          securityContext: restrictedContainerSecurity({ user: MYSQL_UID, group: MYSQL_UID }),
          resources: {
            cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.millis(1000) },
            memory: { request: Size.mebibytes(512), limit: Size.mebibytes(1024) },
          },
          // The entrypoint initialises the data directory with networking off, so TCP answers
          // only once the server is really up.
          readiness: kplus.Probe.fromTcpSocket({
            port: 3306,
            initialDelaySeconds: Duration.seconds(10),
            periodSeconds: Duration.seconds(5),
          }),
          liveness: kplus.Probe.fromTcpSocket({
            port: 3306,
            initialDelaySeconds: Duration.seconds(120),
            periodSeconds: Duration.seconds(20),
          }),
          volumeMounts: [
            { path: '/var/lib/mysql', volume: data },
            { path: '/var/run/mysqld', volume: run },
            { path: '/tmp', volume: tmp },
          ],
        },
      ],
    });

    // Only the web app's pods may reach the database.
    allowTcpIngress(this, ns, { name: 'allow-mysql-from-web', podLabels: selectorLabels(name), ports: [3306], fromNamespaces: [ns] });
  }
}
