/**
 * Validates Kubernetes objects against the Kubernetes OpenAPI schema with kubernetes-models
 * 5.1.0 (models generated from Kubernetes v1.36). The package is ESM-only, so this runs as a
 * plain Node process outside Jest: test/charts/support/validators.ts pipes a JSON array of
 * objects to stdin and reads a JSON array of { "error": string | null } from stdout, one
 * entry per object, in order (null means valid).
 *
 *   echo '[{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"x"}}]' | node validate-kubernetes.mjs
 */
import { readFileSync } from 'node:fs';

/** Import failures that mean "kubernetes-models has no such module", i.e. no schema. */
const MISSING_MODULE = new Set(['ERR_MODULE_NOT_FOUND', 'ERR_PACKAGE_PATH_NOT_EXPORTED']);
const GROUP = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/;
const VERSION = /^v[0-9]+((alpha|beta)[0-9]+)?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;

/** apiVersion + kind -> the model class, or null when kubernetes-models has no schema for it. */
const models = new Map();

async function modelFor(apiVersion, kind) {
  const key = `${apiVersion} ${kind}`;
  if (models.has(key)) return models.get(key);
  let model = null;
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if ((group === '' || GROUP.test(group)) && VERSION.test(version) && KIND.test(kind)) {
    const specifier = group === '' ? `kubernetes-models/${version}/${kind}` : `kubernetes-models/${group}/${version}/${kind}`;
    try {
      const Model = (await import(specifier))[kind];
      // Only top-level resources carry apiVersion and kind; nested types (PodSpec, ...) do not.
      if (typeof Model === 'function' && Model.apiVersion === apiVersion && Model.kind === kind) model = Model;
    } catch (error) {
      if (!MISSING_MODULE.has(error?.code)) throw error;
    }
  }
  models.set(key, model);
  return model;
}

async function validate(object) {
  if (object === null || typeof object !== 'object' || typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') {
    return 'not a Kubernetes object: apiVersion and kind must be strings';
  }
  const Model = await modelFor(object.apiVersion, object.kind);
  if (Model === null) return `no Kubernetes schema for ${object.apiVersion} ${object.kind}`;
  try {
    new Model(object).validate();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const objects = JSON.parse(readFileSync(0, 'utf8'));
if (!Array.isArray(objects)) throw new Error('expected a JSON array of Kubernetes objects on stdin');
const results = [];
for (const object of objects) results.push({ error: await validate(object) });
process.stdout.write(JSON.stringify(results));
