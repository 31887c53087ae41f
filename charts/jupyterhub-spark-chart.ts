import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-34';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { componentLabels } from './lib/labels';
import { POD_IDENTITY_AGENT } from './lib/network-policies';
import { nodePlacement } from './lib/node-roles';
import { assertDnsLabel } from './lib/validation';

const k8s = kplus.k8s;

export interface JupyterHubSparkChartProps {
  /** Namespace of the JupyterHub release. @default 'jupyterhub' */
  readonly namespace?: string;
  /**
   * Service account of every single-user pod (S3 access through Pod Identity); only the Spark
   * profile mounts its API token (jupyterHubValues' singleuserServiceAccountName).
   * @default 'jupyter-singleuser'
   */
  readonly singleuserServiceAccountName?: string;
  /** IRSA annotations for S3 access; with EKS Pod Identity leave empty. @default none */
  readonly serviceAccountAnnotations?: { readonly [key: string]: string };
}

/** Where a Spark profile notebook finds the executor pod template (a ConfigMap volume). */
export interface SparkPodTemplateMount {
  readonly configMapName: string;
  readonly mountPath: string;
  /** File name of the executor pod template inside mountPath. */
  readonly executorFile: string;
}

/** UID/GID of `jovyan` in the Jupyter docker-stacks images, which the notebook executors run. */
const JOVYAN_UID = 1000;
const USERS_GID = 100;

/**
 * What the z2jh chart does not create (PlatformNamespacesChart creates the namespace): the single-user service account with a Role that lets a Spark profile notebook's driver
 * manage executor pods in this namespace only (the other profiles mount no token), and the executors' network policy.
 * Install it before the Helm release (the release then must not create the namespace).
 */
export class JupyterHubSparkChart extends Chart {
  public readonly namespaceName: string;
  public readonly singleuserServiceAccountName: string;
  public readonly sparkPodTemplates: SparkPodTemplateMount;

  public constructor(scope: Construct, id: string, props: JupyterHubSparkChartProps = {}) {
    super(scope, id);
    const ns = props.namespace ?? 'jupyterhub';
    assertDnsLabel('namespace', ns);
    this.namespaceName = ns;
    this.singleuserServiceAccountName = props.singleuserServiceAccountName ?? 'jupyter-singleuser';
    assertDnsLabel('singleuserServiceAccountName', this.singleuserServiceAccountName);
    const labels = componentLabels(this.singleuserServiceAccountName, 'jupyterhub');

    // Executors a notebook's Spark driver creates: on the spot executor nodes (tolerating their
    // taint) and Pod Security "restricted" (the namespace enforces it; Spark sets no security
    // context of its own). The Spark profile points spark.kubernetes.executor.podTemplateFile here.
    this.sparkPodTemplates = { configMapName: 'spark-pod-templates', mountPath: '/etc/spark-pod-templates', executorFile: 'executor.yaml' };
    const executors = nodePlacement('spark-executor');
    new kplus.ConfigMap(this, 'spark-pod-templates', {
      metadata: { name: this.sparkPodTemplates.configMapName, namespace: ns, labels },
      data: {
        [this.sparkPodTemplates.executorFile]: stringify({
          apiVersion: 'v1',
          kind: 'Pod',
          spec: {
            nodeSelector: executors.nodeSelector,
            tolerations: executors.tolerations,
            automountServiceAccountToken: false,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: JOVYAN_UID,
              runAsGroup: USERS_GID,
              seccompProfile: { type: 'RuntimeDefault' },
            },
            containers: [
              {
                name: 'spark-kubernetes-executor',
                securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true },
              },
            ],
          },
        }),
      },
    });
    const sa = new kplus.ServiceAccount(this, 'spark-sa', {
      metadata: { name: this.singleuserServiceAccountName, namespace: ns, labels, annotations: { ...props.serviceAccountAnnotations } },
      // Only the Spark profile mounts the token (kubespawner_override); the others turn it off.
      automountToken: false,
    });
    const role = new kplus.Role(this, 'spark-role', { metadata: { name: 'notebook-spark-driver', namespace: ns, labels } });
    role.allow(
      ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'],
      kplus.ApiResource.PODS,
      kplus.ApiResource.SERVICES,
      kplus.ApiResource.CONFIG_MAPS,
      kplus.ApiResource.PERSISTENT_VOLUME_CLAIMS,
    );
    new kplus.RoleBinding(this, 'spark-binding', { metadata: { name: 'notebook-spark-driver', namespace: ns, labels }, role }).addSubjects(
      sa,
    );

    // The chart's own policies cover hub, proxy and single-user pods; this one covers executors:
    // traffic with the notebook drivers, DNS, HTTPS (S3) and the Pod Identity agent only.
    const notebooks = { podSelector: { matchLabels: { component: 'singleuser-server' } } };
    new k8s.KubeNetworkPolicy(this, 'executors', {
      metadata: { name: 'spark-executors', namespace: ns, labels },
      spec: {
        podSelector: { matchLabels: { 'spark-role': 'executor' } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [notebooks] }],
        egress: [
          { to: [notebooks] },
          {
            to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }],
            ports: [
              { protocol: 'UDP', port: k8s.IntOrString.fromNumber(53) },
              { protocol: 'TCP', port: k8s.IntOrString.fromNumber(53) },
            ],
          },
          { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(443) }] },
          // S3 credentials from the Pod Identity agent (never the instance metadata service).
          {
            to: [{ ipBlock: { cidr: POD_IDENTITY_AGENT.cidr } }],
            ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(POD_IDENTITY_AGENT.port) }],
          },
        ],
      },
    });
  }
}
