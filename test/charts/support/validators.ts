import Ajv, { ValidateFunction } from 'ajv';
import { readSpecYaml } from '../../support/specs';
import { K8sObject } from './platform';

/**
 * Kubernetes schema validation with kubernetes-models 4.5.1, whose models are generated from
 * the OpenAPI schema of Kubernetes v1.33.0 (the release nearest to EKS 1.34 that the library
 * ships in a form this Node/Jest setup can load; 5.x is ESM-only and targets v1.36).
 */
export function validateKubernetesObject(object: K8sObject): void {
  const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/') : ['', object.apiVersion];
  const modulePath = group === '' ? `kubernetes-models/${version}/${object.kind}` : `kubernetes-models/${group}/${version}/${object.kind}`;
  let Model: new (data: unknown) => { validate(): void };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    Model = require(modulePath)[object.kind];
  } catch {
    throw new Error(`no Kubernetes schema for ${object.apiVersion} ${object.kind}`);
  }
  new Model(object).validate();
}

interface Crd { spec: { versions: { name: string; schema: { openAPIV3Schema: object } }[] } }

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
