import { helmMerge } from '../../charts/support/helm-values';
import { readSpecText, readSpecYaml } from '../../support/specs';

/**
 * The parts of the Headlamp chart's templates (specs/headlamp/templates) that decide what the
 * pod and the Ingress look like, rendered for given values the way the templates do. Each
 * template line the rendering relies on is checked to be in the vendored template first, so a
 * chart update that changes the logic fails here instead of being silently mis-rendered.
 */
const DEPLOYMENT_LINES = [
  'serviceAccountName: {{ include "headlamp.serviceAccountName" . }}',
  'automountServiceAccountToken: {{ .Values.automountServiceAccountToken }}',
  'hostUsers: {{ .Values.hostUsers }}',
  'securityContext:\n        {{- toYaml .Values.podSecurityContext | nindent 8 }}',
  '{{- with .Values.initContainers }}\n      initContainers:',
  '{{- if .Values.securityContext }}\n              {{- toYaml .Values.securityContext | nindent 12 }}',
  'image: "{{ .Values.image.registry}}/{{ .Values.image.repository }}:{{ .Values.image.tag | default (printf "v%s" .Chart.AppVersion) }}"',
  'resources:\n            {{- toYaml .Values.resources | nindent 12 }}',
  '{{- if $tmpCtx.addMount }}\n            - name: headlamp-tmp\n              mountPath: /tmp',
  '{{- if .Values.pluginsManager.enabled }}\n        - name: headlamp-plugin',
  '{{- with .Values.extraContainers }}',
  '{{- with .Values.nodeSelector }}\n      nodeSelector:',
  '{{- if $tmpCtx.addVolume }}\n        - name: headlamp-tmp\n          emptyDir: {}',
  '{{- if and .Values.config.inCluster .Values.config.unsafeUseServiceAccountToken }}\n            - "-unsafe-use-service-account-token"',
  'containerPort: 4466',
];
const HELPER_LINES = [
  '{{- $securityContextReadOnly := and .securityContext (hasKey .securityContext "readOnlyRootFilesystem") .securityContext.readOnlyRootFilesystem -}}',
  'addMount: {{ and .readOnly (not $hasTmpMount) }}',
  'addVolume: {{ and .readOnly (not $hasTmpMount) (not $hasTmpVolume) }}',
  '{{- default (include "headlamp.fullname" .) .Values.serviceAccount.name }}',
];

function requireLines(file: string, text: string, lines: string[]): void {
  const missing = lines.filter((line) => !text.includes(line));
  if (missing.length > 0) throw new Error(`specs/headlamp/templates/${file} no longer contains:\n${missing.join('\n---\n')}`);
}

/** Chart defaults merged with the values, as Helm does. */
export function headlampValues(values: object): any {
  return helmMerge(readSpecYaml('headlamp', 'values.yaml'), values);
}

/** The Deployment's pod spec (the only pod the chart renders) for the values. */
export function headlampPodSpec(values: object): any {
  requireLines('deployment.yaml', readSpecText('headlamp', 'templates', 'deployment.yaml'), DEPLOYMENT_LINES);
  requireLines('_helpers.tpl', readSpecText('headlamp', 'templates', '_helpers.tpl'), HELPER_LINES);
  const v = headlampValues(values);
  const appVersion = readSpecYaml<{ appVersion: string }>('headlamp', 'Chart.yaml').appVersion;
  const readOnly = v.securityContext?.readOnlyRootFilesystem === true;
  const hasTmpMount = (v.volumeMounts ?? []).some((m: { mountPath: string }) => m.mountPath === '/tmp');
  const hasTmpVolume = (v.volumes ?? []).some((vol: { name: string }) => vol.name === 'headlamp-tmp');
  const defaultContainerSecurity = {
    allowPrivilegeEscalation: false,
    runAsNonRoot: true,
    seccompProfile: { type: 'RuntimeDefault' },
    capabilities: { drop: ['ALL'] },
  };
  const hasSecurityContext = v.securityContext && Object.keys(v.securityContext).length > 0;
  const containers = [
    {
      name: 'headlamp',
      image: `${v.image.registry}/${v.image.repository}:${v.image.tag || `v${appVersion}`}`,
      securityContext: hasSecurityContext ? v.securityContext : defaultContainerSecurity,
      resources: v.resources,
      ports: [{ name: 'http', containerPort: 4466 }],
      volumeMounts: [...(v.volumeMounts ?? []), ...(readOnly && !hasTmpMount ? [{ name: 'headlamp-tmp', mountPath: '/tmp' }] : [])],
    },
    ...(v.pluginsManager.enabled ? [{ name: 'headlamp-plugin', image: v.pluginsManager.baseImage }] : []),
    ...(v.extraContainers ?? []),
  ];
  return {
    serviceAccountName: v.serviceAccount.create ? v.serviceAccount.name || 'headlamp' : v.serviceAccount.name || 'default',
    automountServiceAccountToken: v.automountServiceAccountToken,
    hostUsers: v.hostUsers,
    securityContext: v.podSecurityContext,
    initContainers: v.initContainers ?? [],
    containers,
    nodeSelector: v.nodeSelector,
    tolerations: v.tolerations,
    volumes: [...(readOnly && !hasTmpMount && !hasTmpVolume ? [{ name: 'headlamp-tmp', emptyDir: {} }] : []), ...(v.volumes ?? [])],
  };
}

/** Whether the chart renders its ClusterRoleBinding, and to which ClusterRole. */
export function headlampClusterRoleBinding(values: object): { rendered: boolean; clusterRole: string } {
  const template = readSpecText('headlamp', 'templates', 'clusterrolebinding.yaml');
  requireLines('clusterrolebinding.yaml', template, [
    '{{- if .Values.clusterRoleBinding.create -}}',
    'name: {{ .Values.clusterRoleBinding.clusterRoleName }}',
  ]);
  const v = headlampValues(values);
  return { rendered: v.clusterRoleBinding.create === true, clusterRole: v.clusterRoleBinding.clusterRoleName };
}

/** The Ingress's annotations, class and rules for the values (none when disabled). */
export function headlampIngress(values: object): { annotations: Record<string, string>; className: string; hosts: string[] } | undefined {
  const template = readSpecText('headlamp', 'templates', 'ingress.yaml');
  requireLines('ingress.yaml', template, [
    '{{- if .Values.ingress.enabled -}}',
    '{{- with .Values.ingress.annotations }}\n  annotations:\n    {{- toYaml . | nindent 4 }}',
    'ingressClassName: {{ .Values.ingress.ingressClassName }}',
    '- host: {{ .host | quote }}',
  ]);
  const v = headlampValues(values);
  if (!v.ingress.enabled) return undefined;
  return {
    annotations: v.ingress.annotations,
    className: v.ingress.ingressClassName,
    hosts: v.ingress.hosts.map((h: { host: string }) => h.host),
  };
}
