import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CodePipelineClient, GetPipelineStateCommand, ListPipelineExecutionsCommand } from '@aws-sdk/client-codepipeline';
import { mockClient } from 'aws-sdk-client-mock';
import { adminOf, startTestApp, type TestApp, type TestUser } from './support/test-app';
import { createTestDatabase, type TestDatabase } from './support/test-databases';

const AWS_VARIABLES = Object.keys(process.env).filter((k) => k.startsWith('AWS_') || k.startsWith('DATAVIS_PIPELINE_'));

const stack = (outputs: { OutputKey: string; OutputValue: string }[]) => ({
  Stacks: [{ StackName: 'Datavis-Pipeline', StackStatus: 'UPDATE_COMPLETE' as const, CreationTime: new Date(), Outputs: outputs }],
});
const awsError = (name: string, message: string, status: number) =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

describe('GET /api/platform/pipeline', () => {
  let database: TestDatabase;
  let t: TestApp;
  let admin: TestUser;
  const saved: NodeJS.ProcessEnv = {};
  const cfn = mockClient(CloudFormationClient);
  const codePipeline = mockClient(CodePipelineClient);

  beforeAll(async () => {
    for (const key of AWS_VARIABLES) {
      saved[key] = process.env[key];
      delete process.env[key];
    }
    database = await createTestDatabase('sqlite');
    t = await startTestApp({ database });
    admin = await adminOf(t);
  });
  afterAll(async () => {
    cfn.restore();
    codePipeline.restore();
    await t?.close();
    await database?.drop();
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    delete process.env.DATAVIS_PIPELINE_REGION;
    Object.assign(process.env, saved);
  });
  beforeEach(() => {
    cfn.reset();
    codePipeline.reset();
  });

  const get = (token?: string) => t.request({ method: 'GET', url: '/api/platform/pipeline', token });
  const withCredentials = () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    process.env.DATAVIS_PIPELINE_REGION = 'eu-central-1';
  };

  it('says the server has no AWS credentials, without calling AWS', async () => {
    const response = await get(admin.token);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ state: 'skipped', reason: 'the server has no AWS credentials', checkedAt: expect.any(String) });
    expect(cfn.calls()).toHaveLength(0);
    expect(codePipeline.calls()).toHaveLength(0);
  });

  it('finds the pipeline by its stack output and gives the stage in progress and the last execution', async () => {
    withCredentials();
    process.env.DATAVIS_PIPELINE_REGION = 'eu-central-1';
    cfn
      .on(DescribeStacksCommand, { StackName: 'Datavis-Pipeline' })
      .resolves(stack([{ OutputKey: 'PipelineName', OutputValue: 'Datavis-Pipeline-Pipeline9850B417-AbCd' }]));
    codePipeline.on(GetPipelineStateCommand, { name: 'Datavis-Pipeline-Pipeline9850B417-AbCd' }).resolves({
      pipelineName: 'Datavis-Pipeline-Pipeline9850B417-AbCd',
      stageStates: [
        { stageName: 'Source', latestExecution: { pipelineExecutionId: 'exec-2', status: 'Succeeded' } },
        { stageName: 'Build', latestExecution: { pipelineExecutionId: 'exec-2', status: 'Succeeded' } },
        { stageName: 'Dev', latestExecution: { pipelineExecutionId: 'exec-2', status: 'InProgress' } },
        { stageName: 'Staging', latestExecution: { pipelineExecutionId: 'exec-1', status: 'Succeeded' } },
        { stageName: 'Prod' },
      ],
    });
    codePipeline.on(ListPipelineExecutionsCommand, { pipelineName: 'Datavis-Pipeline-Pipeline9850B417-AbCd', maxResults: 1 }).resolves({
      pipelineExecutionSummaries: [
        {
          pipelineExecutionId: 'exec-2',
          status: 'InProgress',
          startTime: new Date('2026-05-06T07:40:00Z'),
          lastUpdateTime: new Date('2026-05-06T07:52:30Z'),
          sourceRevisions: [
            { actionName: 'Source', revisionId: '246d5d8bb8bf27a078e8f47b1236f87ec8f9503c', revisionSummary: 'Promote dev to staging' },
          ],
        },
      ],
    });

    const response = await get(admin.token);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      state: 'ok',
      name: 'Datavis-Pipeline-Pipeline9850B417-AbCd',
      region: 'eu-central-1',
      stages: [
        { name: 'Source', status: 'Succeeded', executionId: 'exec-2' },
        { name: 'Build', status: 'Succeeded', executionId: 'exec-2' },
        { name: 'Dev', status: 'InProgress', executionId: 'exec-2' },
        { name: 'Staging', status: 'Succeeded', executionId: 'exec-1' },
        { name: 'Prod', status: null, executionId: null },
      ],
      currentStage: 'Dev',
      lastExecution: {
        id: 'exec-2',
        status: 'InProgress',
        statusSummary: null,
        startedAt: '2026-05-06T07:40:00.000Z',
        updatedAt: '2026-05-06T07:52:30.000Z',
        revision: '246d5d8bb8bf27a078e8f47b1236f87ec8f9503c',
        revisionSummary: 'Promote dev to staging',
      },
      checkedAt: expect.any(String),
    });
    expect(await cfn.call(0).args[0].input).toEqual({ StackName: 'Datavis-Pipeline' });
  });

  it('says the pipeline is not deployed when its stack does not exist', async () => {
    withCredentials();
    cfn.on(DescribeStacksCommand).rejects(awsError('ValidationError', 'Stack with id Datavis-Pipeline does not exist', 400));
    const response = await get(admin.token);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ state: 'unavailable', kind: 'not-found' });
    expect(response.json().reason).toMatch(/^Stack Datavis-Pipeline does not exist in region eu-central-1/);
    expect(codePipeline.calls()).toHaveLength(0);
  });

  it('names the denied action when CodePipeline refuses, and a missing pipeline as not found', async () => {
    withCredentials();
    cfn.on(DescribeStacksCommand).resolves(stack([{ OutputKey: 'PipelineName', OutputValue: 'p-1' }]));
    codePipeline
      .on(GetPipelineStateCommand)
      .rejects(awsError('AccessDeniedException', 'User is not authorized to perform: codepipeline:GetPipelineState', 403));
    const denied = (await get(admin.token)).json();
    expect(denied).toMatchObject({ state: 'unavailable', kind: 'denied' });
    expect(denied.reason).toMatch(
      /^codepipeline:GetPipelineState denied on pipeline p-1 in eu-central-1: grant codepipeline:GetPipelineState/,
    );

    codePipeline
      .on(GetPipelineStateCommand)
      .rejects(awsError('PipelineNotFoundException', 'The account does not have a pipeline named p-1', 400));
    const missing = await get(admin.token);
    expect(missing.statusCode).toBe(200);
    expect(missing.json()).toMatchObject({ state: 'unavailable', kind: 'not-found' });
  });

  it('says a pipeline stack without the output must be redeployed', async () => {
    withCredentials();
    cfn.on(DescribeStacksCommand).resolves(stack([]));
    const body = (await get(admin.token)).json();
    expect(body).toMatchObject({ state: 'unavailable', kind: 'not-found' });
    expect(body.reason).toBe('Stack Datavis-Pipeline has no output PipelineName; deploy the current version of the pipeline stack.');
  });

  it('answers an invalid pipeline region setting with why, not a server error', async () => {
    withCredentials();
    process.env.DATAVIS_PIPELINE_REGION = 'moon-base-1x';
    const response = await get(admin.token);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ state: 'unavailable', kind: 'region' });
    expect(response.json().reason).toMatch(/pipeline.region is "moon-base-1x"; allowed: an AWS region name/);
  });

  it.each(['analyst', 'viewer'] as const)('answers a user with role %s 403', async (role) => {
    const user = await t.createUser(role);
    const response = await get(user.token);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('forbidden');
  });
});
