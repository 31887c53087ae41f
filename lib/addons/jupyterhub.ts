import { Duration } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { Construct } from 'constructs';
import { JUPYTERHUB_CHART_REPOSITORY, JupyterHubValues } from '../../charts';

export interface JupyterHubProps {
  readonly cluster: eks.ICluster;
  /** Chart version from the release file. */
  readonly version: string;
  /** Namespace created by the JupyterHub Spark chart, which is mounted first. */
  readonly namespace: string;
  /** Typed values checked against the chart's values.schema.yaml by the tests. */
  readonly values: JupyterHubValues;
}

/** The longest wait aws-eks-v2 allows a Helm operation. */
export const JUPYTERHUB_RELEASE_TIMEOUT = Duration.minutes(15);

/** The zero-to-jupyterhub Helm release. */
export class JupyterHub extends Construct {
  readonly release: eks.HelmChart;

  constructor(scope: Construct, id: string, props: JupyterHubProps) {
    super(scope, id);
    this.release = props.cluster.addHelmChart('JupyterHubRelease', {
      chart: 'jupyterhub',
      repository: JUPYTERHUB_CHART_REPOSITORY,
      version: props.version,
      release: 'jupyterhub',
      namespace: props.namespace,
      createNamespace: false,
      wait: true,
      // The first install pulls the single-user image (several GB) onto every node through the
      // chart's image-puller hook before the hub starts: Helm's 5-minute default is too short.
      timeout: JUPYTERHUB_RELEASE_TIMEOUT,
      values: props.values as unknown as Record<string, unknown>,
    });
  }
}
