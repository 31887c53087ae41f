import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CodePipelineClient, GetPipelineStateCommand, ListPipelineExecutionsCommand } from '@aws-sdk/client-codepipeline';
import { AwsClientOptions, DEFAULT_MAX_ATTEMPTS } from './aws-clients';
import { AwsCallError, AwsErrorKind, awsCall } from './aws-errors';
import { PIPELINE_NAME_OUTPUT, PIPELINE_STACK_NAME } from './pipeline-settings';

/** The clients reading the delivery pipeline, in the pipeline's region. */
export interface PipelineClients {
  readonly region: string;
  readonly cloudFormation: CloudFormationClient;
  readonly codePipeline: CodePipelineClient;
}

export function createPipelineClients(region: string, options: AwsClientOptions = {}): PipelineClients {
  const config = { region, maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS, retryMode: 'standard', ...options.clientConfig };
  return { region, cloudFormation: new CloudFormationClient(config), codePipeline: new CodePipelineClient(config) };
}

export function destroyPipelineClients(clients: PipelineClients): void {
  clients.cloudFormation.destroy();
  clients.codePipeline.destroy();
}

/** One stage as CodePipeline last ran it: Source, Build, UpdatePipeline, Assets, Dev, Staging, Prod. */
export interface PipelineStage {
  readonly name: string;
  /** The latest execution's status in this stage (InProgress, Succeeded, Failed...), null when it never ran. */
  readonly status: string | null;
  readonly executionId: string | null;
}

export interface PipelineExecution {
  readonly id: string;
  readonly status: string;
  readonly statusSummary: string | null;
  readonly startedAt: string | null;
  readonly updatedAt: string | null;
  /** The commit it deploys (the source action's revision) and its message, when CodePipeline knows them. */
  readonly revision: string | null;
  readonly revisionSummary: string | null;
}

export interface PipelineStatus {
  readonly name: string;
  readonly region: string;
  readonly stages: PipelineStage[];
  /** The stage running now, or null when no stage is in progress. */
  readonly currentStage: string | null;
  readonly lastExecution: PipelineExecution | null;
}

export type PipelineState =
  ({ readonly state: 'ok' } & PipelineStatus) | { readonly state: 'unavailable'; readonly kind: AwsErrorKind; readonly reason: string };

const iso = (date: Date | undefined): string | null => (date === undefined ? null : date.toISOString());

/**
 * The pipeline's stages and its last execution: its name from the pipeline stack's output
 * (CloudFormation generates it), then GetPipelineState and ListPipelineExecutions. Needs
 * cloudformation:DescribeStacks, codepipeline:GetPipelineState and
 * codepipeline:ListPipelineExecutions. A failure (no pipeline stack, denied...) is returned,
 * not thrown.
 */
export async function pipelineState(clients: PipelineClients): Promise<PipelineState> {
  try {
    return { state: 'ok', ...(await describePipeline(clients)) };
  } catch (err) {
    if (err instanceof AwsCallError) return { state: 'unavailable', kind: err.kind, reason: err.message };
    throw err;
  }
}

async function describePipeline(clients: PipelineClients): Promise<PipelineStatus> {
  const { region } = clients;
  const name = await pipelineName(clients);
  const state = await awsCall({ action: 'codepipeline:GetPipelineState', region, resource: `pipeline ${name}` }, () =>
    clients.codePipeline.send(new GetPipelineStateCommand({ name })),
  );
  const executions = await awsCall({ action: 'codepipeline:ListPipelineExecutions', region, resource: `pipeline ${name}` }, () =>
    clients.codePipeline.send(new ListPipelineExecutionsCommand({ pipelineName: name, maxResults: 1 })),
  );
  const stages: PipelineStage[] = (state.stageStates ?? []).map((stage) => ({
    name: stage.stageName ?? '(unnamed)',
    status: stage.latestExecution?.status ?? null,
    executionId: stage.latestExecution?.pipelineExecutionId ?? null,
  }));
  const last = executions.pipelineExecutionSummaries?.[0];
  const source = last?.sourceRevisions?.[0];
  return {
    name,
    region,
    stages,
    currentStage: stages.find((s) => s.status === 'InProgress')?.name ?? null,
    lastExecution:
      last?.pipelineExecutionId === undefined
        ? null
        : {
            id: last.pipelineExecutionId,
            status: last.status ?? 'Unknown',
            statusSummary: last.statusSummary ?? null,
            startedAt: iso(last.startTime),
            updatedAt: iso(last.lastUpdateTime),
            revision: source?.revisionId ?? null,
            revisionSummary: source?.revisionSummary ?? null,
          },
  };
}

async function pipelineName(clients: PipelineClients): Promise<string> {
  const action = 'cloudformation:DescribeStacks';
  let response;
  try {
    response = await clients.cloudFormation.send(new DescribeStacksCommand({ StackName: PIPELINE_STACK_NAME }));
  } catch (err) {
    const e = err as { name?: string; message?: string };
    if (e.name === 'ValidationError' && /does not exist/.test(e.message ?? '')) {
      throw new AwsCallError(
        'not-found',
        action,
        `Stack ${PIPELINE_STACK_NAME} does not exist in region ${clients.region} of these credentials' account: the pipeline is not deployed there (set datavis:pipeline:region, or deploy it with \`npx cdk deploy ${PIPELINE_STACK_NAME} -c pipeline=true\`).`,
        err,
      );
    }
    return awsCall({ action, region: clients.region, resource: `stack ${PIPELINE_STACK_NAME}` }, () => Promise.reject(err));
  }
  const value = response.Stacks?.[0]?.Outputs?.find((o) => o.OutputKey === PIPELINE_NAME_OUTPUT)?.OutputValue;
  if (value === undefined) {
    throw new AwsCallError(
      'not-found',
      action,
      `Stack ${PIPELINE_STACK_NAME} has no output ${PIPELINE_NAME_OUTPUT}; deploy the current version of the pipeline stack.`,
    );
  }
  return value;
}
