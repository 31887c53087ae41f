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
      values: props.values as unknown as Record<string, unknown>,
    });
  }
}
