import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AWS_ENVIRONMENT_NAMES, ConfigError, loadEnvironmentConfig } from '../../lib/config';
import { contextSettingSource, readCdkContext } from '../../lib/promotion/cdk-context';
import { PLACEHOLDER_SOURCE, createPipelineApp, pipelineRequested } from '../../lib/promotion/pipeline-app';
import { PIPELINE_NAME_OUTPUT, PIPELINE_STACK_NAME } from '../../lib/promotion/pipeline-settings';
import { SynthesisResult, synthesizeWithValidation } from '../../lib/promotion/synthesis-gate';
import { PipelineStack } from '../../lib/stacks/pipeline-stack';

describe('PipelineStack', () => {
  // GIVEN the pipeline app as `cdk synth -c pipeline=true` builds it, with cdk-nag AwsSolutions
  // and CloudFormation Validate registered; WHEN it is synthesized once for every test below.
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'datavis-pipeline-'));
  let stack: PipelineStack;
  let result: SynthesisResult;
  let template: Template;
  let pipelineStages: Array<{ Name: string; Actions: Array<Record<string, any>> }>;
  beforeAll(() => {
    const created = createPipelineApp({ appProps: { outdir, context: { '@aws-cdk/core:appMode': 'inmemory' } } });
    stack = created.stack;
    // The app registers cdk-nag itself, as `cdk synth -c pipeline=true` does; collect its report.
    result = synthesizeWithValidation(created.app, { validate: false });
    template = Template.fromJSON(JSON.parse(fs.readFileSync(path.join(outdir, `${stack.artifactId}.template.json`), 'utf8')));
    const pipelines = Object.values(template.findResources('AWS::CodePipeline::Pipeline'));
    expect(pipelines).toHaveLength(1);
    pipelineStages = (pipelines[0] as { Properties: { Stages: typeof pipelineStages } }).Properties.Stages;
  }, 240_000);
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test('passes cdk-nag AwsSolutions and CloudFormation Validate with no unacknowledged finding', () => {
    expect(result.error).toBeUndefined();
    expect(result.findings).toEqual([]);
    expect(result.ok).toBe(true);
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'));
    expect(report.pluginReports.map((r: { pluginName: string }) => r.pluginName)).toEqual(
      expect.arrayContaining(['AwsSolutions', 'CloudFormation Validate']),
    );
  });

  test('deploys dev, then staging, then prod, with a manual approval before prod only', () => {
    const names = pipelineStages.map((s) => s.Name);
    expect(names.slice(-3)).toEqual(['Dev', 'Staging', 'Prod']);
    const approvals = pipelineStages.map((s) => s.Actions.filter((a) => a.ActionTypeId.Category === 'Approval').map((a) => a.Name));
    expect(approvals.slice(-3)).toEqual([[], [], ['ApproveProd']]);
    const prod = pipelineStages[pipelineStages.length - 1];
    const approval = prod.Actions.find((a) => a.ActionTypeId.Category === 'Approval')!;
    const deploys = prod.Actions.filter((a) => a.ActionTypeId.Category === 'Deploy');
    expect(deploys.length).toBeGreaterThanOrEqual(3);
    for (const deploy of deploys) expect(deploy.RunOrder).toBeGreaterThan(approval.RunOrder);
  });

  test('names its CodePipeline in the PipelineName output the Deployment page reads, under the stack name it looks up', () => {
    expect(stack.stackName).toBe(PIPELINE_STACK_NAME);
    const pipelineId = Object.keys(template.findResources('AWS::CodePipeline::Pipeline'))[0];
    template.hasOutput(PIPELINE_NAME_OUTPUT, { Value: { Ref: pipelineId } });
  });

  test('each stage deploys the same stack names `cdk deploy` uses, from the same environment config', () => {
    for (const env of AWS_ENVIRONMENT_NAMES) {
      const stage = pipelineStages.find((s) => s.Name.toLowerCase() === env)!;
      const stackNames = new Set(stage.Actions.filter((a) => a.ActionTypeId.Category === 'Deploy').map((a) => a.Configuration.StackName));
      expect([...stackNames].sort()).toEqual([`Datavis-${env}-Cluster`, `Datavis-${env}-Data`, `Datavis-${env}-Network`]);
    }
    const prodData = Template.fromStack(stack.node.findChild('Prod').node.findChild('Datavis-prod-Data') as never);
    prodData.hasResourceProperties('AWS::RDS::DBInstance', { MultiAZ: true, DeletionProtection: true });
  });

  test('reads its source through the CodeConnections connection from context, a placeholder when none is set', () => {
    const source = pipelineStages[0].Actions[0];
    expect(source.ActionTypeId).toMatchObject({ Category: 'Source', Provider: 'CodeStarSourceConnection' });
    expect(source.Configuration).toMatchObject({
      ConnectionArn: PLACEHOLDER_SOURCE.connectionArn,
      FullRepositoryId: PLACEHOLDER_SOURCE.repository,
      BranchName: 'main',
    });
  });

  test('builds the image assets on an Arm CodeBuild image, the architecture the assets are built for', () => {
    const walk = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.assets.json') ? [path.join(dir, e.name)] : []));
    const platforms = new Set(
      walk(outdir).flatMap((file) =>
        Object.values<{ source: { platform?: string } }>(JSON.parse(fs.readFileSync(file, 'utf8')).dockerImages ?? {}).map(
          (d) => d.source.platform,
        ),
      ),
    );
    expect([...platforms]).toEqual(['linux/arm64']);
    const projects = Object.values(template.findResources('AWS::CodeBuild::Project')).filter((p) =>
      /\/Assets\/DockerAssets$/.test(p.Properties.Description),
    );
    expect(projects).toHaveLength(1);
    const environment = projects[0].Properties.Environment;
    const builds = { ARM_CONTAINER: 'linux/arm64', LINUX_CONTAINER: 'linux/amd64' }[environment.Type as string];
    expect({ builds, privileged: environment.PrivilegedMode }).toEqual({ builds: [...platforms][0], privileged: true });
  });

  test('the synth step installs the pinned Node.js 24 and runs npm ci from the committed lockfile', () => {
    const synth = Object.values(template.findResources('AWS::CodeBuild::Project')).find((p) =>
      /\/Build\/Synth$/.test(p.Properties.Description),
    )!;
    const buildSpec = JSON.stringify(synth.Properties.Source.BuildSpec);
    expect(buildSpec).toContain('bash .ci/install-node.sh');
    expect(buildSpec).toContain('npm ci');
    expect(buildSpec.indexOf('install-node.sh')).toBeLessThan(buildSpec.indexOf('npm ci'));
    const installer = fs.readFileSync(path.join(__dirname, '../../.ci/install-node.sh'), 'utf8');
    expect(/^NODE_VERSION=(\d+)\./m.exec(installer)![1]).toBe('24');
  });

  test('keeps artifacts in a KMS-encrypted, access-logged bucket', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }) }),
        ],
      },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'pipeline-artifacts/' }),
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });
});

describe('PipelineStack props', () => {
  const context = readCdkContext();
  const configs = AWS_ENVIRONMENT_NAMES.map((env) => loadEnvironmentConfig(env, { source: contextSettingSource(context) }));
  const env = { account: '111111111111', region: 'eu-west-1' };

  test('environments out of promotion order are rejected, naming what is allowed', () => {
    expect(
      () =>
        new PipelineStack(new App({ context }), 'P', {
          env,
          environments: [configs[0], configs[2], configs[1]],
          source: PLACEHOLDER_SOURCE,
        }),
    ).toThrow(new ConfigError('pipeline.environments', ['dev', 'prod', 'staging'], 'allowed: exactly dev, staging, prod, in that order'));
  });

  test('a connection ARN of another service is rejected', () => {
    const source = { ...PLACEHOLDER_SOURCE, connectionArn: 'arn:aws:codecommit:eu-west-1:111111111111:datavis' };
    expect(() => new PipelineStack(new App({ context }), 'P', { env, environments: configs, source })).toThrow(
      /pipeline.connectionArn is "arn:aws:codecommit/,
    );
  });

  test('`-c pipeline=true` is read from the context the CDK CLI passes to the app', () => {
    expect(pipelineRequested({ CDK_CONTEXT_JSON: JSON.stringify({ pipeline: 'true' }) })).toBe(true);
    expect(pipelineRequested({ CDK_CONTEXT_JSON: JSON.stringify({ pipeline: true }) })).toBe(true);
    expect(pipelineRequested({ CDK_CONTEXT_JSON: JSON.stringify({ env: 'dev' }) })).toBe(false);
    expect(pipelineRequested({})).toBe(false);
  });
});
