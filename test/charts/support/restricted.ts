/**
 * Pod Security "restricted" as a checker (see the specs' pod-security/RESTRICTED.md). Returns
 * the violated items; an empty list means the pod spec passes.
 */
const ALLOWED_VOLUME_TYPES = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
  'image',
];
const ALLOWED_SYSCTLS = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
];
const SELINUX_TYPES = ['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'];

export function restrictedViolations(pod: any, annotations: Record<string, string> = {}): string[] {
  const v: string[] = [];
  const psc = pod.securityContext ?? {};
  const containers: any[] = [...(pod.containers ?? []), ...(pod.initContainers ?? []), ...(pod.ephemeralContainers ?? [])];
  if (psc.windowsOptions?.hostProcess) v.push('A1 pod hostProcess');
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) if (pod[field]) v.push(`A2 ${field}`);
  for (const [key, value] of Object.entries(annotations)) {
    if (
      key.startsWith('container.apparmor.security.beta.kubernetes.io/') &&
      !(value === 'runtime/default' || value.startsWith('localhost/'))
    )
      v.push(`A8 ${key}`);
  }
  if (psc.appArmorProfile && !['RuntimeDefault', 'Localhost'].includes(psc.appArmorProfile.type)) v.push('A8 pod appArmorProfile');
  const seLinuxOk = (o: any) => !o || (SELINUX_TYPES.includes(o.type ?? '') && !o.user && !o.role);
  if (!seLinuxOk(psc.seLinuxOptions)) v.push('A9 pod seLinuxOptions');
  for (const s of psc.sysctls ?? []) if (!ALLOWED_SYSCTLS.includes(s.name)) v.push(`A12 sysctl ${s.name}`);
  for (const vol of pod.volumes ?? []) {
    const types = Object.keys(vol).filter((k) => k !== 'name');
    if (!types.every((t) => ALLOWED_VOLUME_TYPES.includes(t))) v.push(`B1 volume ${vol.name} (${types.join(',')})`);
  }
  if (psc.runAsNonRoot === false) v.push('B3 pod runAsNonRoot false');
  if (psc.runAsUser === 0) v.push('B4 pod runAsUser 0');
  if (psc.seccompProfile && !['RuntimeDefault', 'Localhost'].includes(psc.seccompProfile.type)) v.push('B5 pod seccomp');
  for (const c of containers) {
    const sc = c.securityContext ?? {};
    const n = c.name;
    if (sc.windowsOptions?.hostProcess) v.push(`A1 ${n} hostProcess`);
    if (sc.privileged) v.push(`A3 ${n} privileged`);
    for (const p of c.ports ?? []) if (p.hostPort) v.push(`A6 ${n} hostPort`);
    for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe, c.lifecycle?.postStart, c.lifecycle?.preStop]) {
      if (probe?.httpGet?.host || probe?.tcpSocket?.host) v.push(`A7 ${n} probe host`);
    }
    if (sc.appArmorProfile && !['RuntimeDefault', 'Localhost'].includes(sc.appArmorProfile.type)) v.push(`A8 ${n} appArmorProfile`);
    if (!seLinuxOk(sc.seLinuxOptions)) v.push(`A9 ${n} seLinuxOptions`);
    if (sc.procMount && sc.procMount !== 'Default') v.push(`A10 ${n} procMount`);
    if (sc.allowPrivilegeEscalation !== false) v.push(`B2 ${n} allowPrivilegeEscalation not false`);
    if (sc.runAsNonRoot === false || (psc.runAsNonRoot !== true && sc.runAsNonRoot !== true)) v.push(`B3 ${n} runAsNonRoot`);
    if (sc.runAsUser === 0) v.push(`B4 ${n} runAsUser 0`);
    const seccomp = sc.seccompProfile?.type ?? psc.seccompProfile?.type;
    if (!['RuntimeDefault', 'Localhost'].includes(seccomp)) v.push(`B5 ${n} seccomp`);
    const drop: string[] = sc.capabilities?.drop ?? [];
    const add: string[] = sc.capabilities?.add ?? [];
    if (!drop.includes('ALL')) v.push(`B6 ${n} capabilities.drop ALL`);
    if (add.some((cap) => cap !== 'NET_BIND_SERVICE')) v.push(`B6 ${n} capabilities.add`);
  }
  return v;
}

/** A tag other than latest, or a digest. */
export function isPinnedImage(image: string): boolean {
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return true;
  const last = image.slice(image.lastIndexOf('/') + 1);
  const colon = last.lastIndexOf(':');
  return colon >= 0 && last.slice(colon + 1) !== '' && last.slice(colon + 1) !== 'latest';
}
