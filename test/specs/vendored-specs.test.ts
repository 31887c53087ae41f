import * as fs from 'node:fs';
import * as path from 'node:path';
import { gitBlobId, rawGitHubUrl, readVendoredSpecs, SPECS_DIR } from '../../scripts/specs-sources';

describe('vendored upstream specs', () => {
  const specs = readVendoredSpecs();

  test.each(specs.map((s) => [s.path, s] as const))('%s is byte-identical to the upstream blob recorded in sources.json', (_path, spec) => {
    const content = fs.readFileSync(path.join(SPECS_DIR, spec.path));
    expect(gitBlobId(content)).toBe(spec.blob);
  });

  test('every file under specs/ is either recorded in sources.json or one of our own summaries', () => {
    const ours = [
      'README.md',
      'sources.json',
      'papermill/FACTS.md',
      'pod-security/RESTRICTED.md',
      'jupyterhub/ADMISSION.md',
      'cloudwatch-observability/METRICS.md',
    ];
    const onDisk = fs
      .readdirSync(SPECS_DIR, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(SPECS_DIR, path.join(e.parentPath, e.name)))
      .sort();
    expect(onDisk).toEqual([...specs.map((s) => s.path), ...ours].sort());
  });

  test('every recorded file names a pinned commit, a licence and a download address at that commit', () => {
    for (const spec of specs) {
      expect(spec.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(spec.license).toMatch(/^(Apache-2\.0|BSD-3-Clause)$/);
      expect(rawGitHubUrl(spec, spec.commit)).toBe(`https://raw.githubusercontent.com/${spec.repository}/${spec.commit}/${spec.upstreamPath}`);
    }
  });

  test('the blob id is what git computes for a file', () => {
    // `printf 'hello\n' | git hash-object --stdin`
    expect(gitBlobId(Buffer.from('hello\n'))).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
  });
});
