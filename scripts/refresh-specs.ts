/**
 * Downloads the upstream files vendored under specs/ again and checks them.
 *
 *   npm run refresh:specs                      re-download each file at its recorded commit and
 *                                              verify its blob id (nothing changes if all match)
 *   npm run refresh:specs -- --ref kubeflow/spark-operator=v2.6.0
 *                                              move one repository to a new tag: files are
 *                                              replaced and sources.json records the new ref,
 *                                              the tag's commit and the new blob ids
 *
 * Review the diff (and run `npm run import:crds` after a CRD changed) before committing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gitBlobId, rawGitHubUrl, readVendoredSpecs, SOURCES_FILE, SPECS_DIR, type VendoredSpec } from './specs-sources';

async function download(url: string): Promise<Buffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

async function commitOfTag(repository: string, tag: string): Promise<string> {
  const response = await fetch(`https://api.github.com/repos/${repository}/commits/${encodeURIComponent(tag)}`, {
    headers: { accept: 'application/vnd.github.sha' },
  });
  if (!response.ok) throw new Error(`cannot resolve ${repository}@${tag}: HTTP ${response.status}`);
  return (await response.text()).trim();
}

function parseRefs(argv: string[]): Map<string, string> {
  const refs = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] !== '--ref') throw new Error(`unknown argument ${argv[i]}: expected --ref <owner/name>=<tag>`);
    const [repository, tag] = (argv[++i] ?? '').split('=');
    if (!repository || !tag) throw new Error('--ref needs <owner/name>=<tag>');
    refs.set(repository, tag);
  }
  return refs;
}

async function main(): Promise<void> {
  const refs = parseRefs(process.argv.slice(2));
  const commits = new Map<string, string>();
  for (const [repository, tag] of refs) commits.set(repository, await commitOfTag(repository, tag));
  const updated: VendoredSpec[] = [];
  for (const spec of readVendoredSpecs()) {
    const commit = commits.get(spec.repository) ?? spec.commit;
    const content = await download(rawGitHubUrl(spec, commit));
    const blob = gitBlobId(content);
    if (!refs.has(spec.repository) && blob !== spec.blob) {
      throw new Error(`${spec.path}: upstream ${spec.repository}@${spec.commit} has blob ${blob}, sources.json records ${spec.blob}`);
    }
    fs.writeFileSync(path.join(SPECS_DIR, spec.path), content);
    updated.push({ ...spec, ref: refs.get(spec.repository) ?? spec.ref, commit, blob });
    console.log(`${spec.path}: ${spec.repository}@${commit.slice(0, 12)} blob ${blob}`);
  }
  const sources = JSON.parse(fs.readFileSync(SOURCES_FILE, 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(SOURCES_FILE, `${JSON.stringify({ ...sources, files: updated }, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
