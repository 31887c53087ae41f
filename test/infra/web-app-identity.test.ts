import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { STORAGE_KMS_ACTIONS, STORAGE_S3_ACTIONS } from '../../app/server/storage/s3-actions';
import { WEB_APP_STORAGE_PREFIX } from '../../charts/web-app-data';
import { SynthesizedPlatform, removeAssembly, synthesizePlatform } from '../support/platform-synth';

/** The web app's own AWS identity: what it may do with dataset files, and the bucket they live in. */
let synthesized: SynthesizedPlatform;
const template = (_env: 'dev', part: 'data'): Template => Template.fromStack(synthesized.platforms.get('dev')![part] as Stack);

beforeAll(() => {
  synthesized = synthesizePlatform({ appProps: { context: { env: 'dev' } } });
});
afterAll(() => removeAssembly(synthesized));

describe('the web app and the datasets bucket (dev)', () => {
  test('the web app role: exactly the S3 actions its storage code sends, on its prefix of the datasets bucket only', () => {
    const t = template('dev', 'data');
    const [policy] = Object.values(t.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.Roles).includes('WebAppRole'),
    );
    const statements = policy!.Properties.PolicyDocument.Statement as {
      Action: string | string[];
      Resource: unknown;
      Condition?: unknown;
    }[];
    const s3Actions = [...new Set(statements.flatMap((s) => [s.Action].flat()).filter((a) => a.startsWith('s3:')))].sort();
    expect(s3Actions).toEqual(STORAGE_S3_ACTIONS);
    const list = statements.find((s) => [s.Action].flat().includes('s3:ListBucket'))!;
    expect(list.Condition).toEqual({ StringLike: { 's3:prefix': [`${WEB_APP_STORAGE_PREFIX}/*`] } });
    const objects = statements.find((s) => [s.Action].flat().includes('s3:GetObject'))!;
    expect(JSON.stringify(objects.Resource)).toContain(`/${WEB_APP_STORAGE_PREFIX}/*`);
    expect(JSON.stringify(objects.Resource)).toMatch(/Datasets/);
    const key = statements.find((s) => [s.Action].flat().includes('kms:GenerateDataKey'))!;
    expect([key.Action].flat().sort()).toEqual([...STORAGE_KMS_ACTIONS].sort());
    expect(JSON.stringify(key.Condition)).toContain('s3.');
    // Nothing on the other buckets.
    expect(JSON.stringify(statements)).not.toMatch(/NotebookOutputs|SparkEventLogs/);
  });

  test('the datasets bucket aborts incomplete multipart uploads after a day', () => {
    const t = template('dev', 'data');
    const datasets = Object.values(t.findResources('AWS::S3::Bucket')).find(
      (b) => b.Properties.LoggingConfiguration?.LogFilePrefix === 'datasets/',
    )!;
    expect(datasets.Properties.LifecycleConfiguration.Rules).toEqual(
      expect.arrayContaining([expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' })]),
    );
  });
});
