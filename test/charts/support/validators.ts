import { execFileSync } from 'child_process';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import { readSpecYaml } from '../../support/specs';
import { K8sObject } from './platform';

/**
 * The API groups Kubernetes itself serves ('' is the core group). Objects of any other group
 * are custom resources, validated against their CRD (or not at all) rather than here.
 */
export const KUBERNETES_API_GROUPS: ReadonlySet<string> = new Set([
  '',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'apps',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'resource.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
]);

/** The group of an apiVersion: 'apps' for apps/v1, '' for the core group's v1. */
export function apiGroup(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
}

const VALIDATOR_SCRIPT = path.join(__dirname, 'validate-kubernetes.mjs');

/**
 * Kubernetes schema validation with kubernetes-models 5.1.0, whose models are generated from
 * the OpenAPI schema of Kubernetes v1.36 (the EKS version the platform deploys). The package
 * is ESM-only, so validate-kubernetes.mjs runs it in a child Node process; pass every object
 * in one call (it costs one process start). Returns, per object in order, null when it is
 * valid or the error: the schema violations, or "no Kubernetes schema for <apiVersion> <kind>"
 * when kubernetes-models has no such resource.
 */
export function validateKubernetesObjects(objects: readonly unknown[]): (string | null)[] {
  if (objects.length === 0) return [];
  const output = execFileSync(process.execPath, [VALIDATOR_SCRIPT], {
    input: JSON.stringify(objects),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const results = JSON.parse(output) as { error: string | null }[];
  if (results.length !== objects.length) {
    throw new Error(`validate-kubernetes.mjs returned ${results.length} results for ${objects.length} objects`);
  }
  return results.map((result) => result.error);
}

/** One object against the Kubernetes 1.36 schema; throws with the violations. */
export function validateKubernetesObject(object: K8sObject): void {
  const [error] = validateKubernetesObjects([object]);
  if (error !== null) throw new Error(error);
}

interface Crd {
  spec: { versions: { name: string; schema: { openAPIV3Schema: object } }[] };
}

let sparkApplicationValidator: ValidateFunction | undefined;

/** SparkApplication against spec.versions[0].schema.openAPIV3Schema of the operator's CRD. */
export function validateSparkApplication(object: unknown): string[] {
  if (!sparkApplicationValidator) {
    const crd = readSpecYaml<Crd>('spark-operator', 'sparkoperator.k8s.io_sparkapplications.yaml');
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    sparkApplicationValidator = ajv.compile(crd.spec.versions[0].schema.openAPIV3Schema);
  }
  return sparkApplicationValidator(object) ? [] : (sparkApplicationValidator.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
