import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { EKSClient } from '@aws-sdk/client-eks';
import { RDSClient } from '@aws-sdk/client-rds';

/** The clients the live checks and snapshots use, all in one environment's region. */
export interface AwsClients {
  readonly region: string;
  readonly cloudFormation: CloudFormationClient;
  readonly eks: EKSClient;
  readonly rds: RDSClient;
}

/** Client settings beyond the region: retries, and anything the SDK accepts (tests pass a request handler). */
export interface AwsClientOptions {
  /**
   * Attempts per call, including the first, with the SDK's standard retry strategy:
   * exponential backoff with jitter on throttling and transient errors.
   * @default AWS_MAX_ATTEMPTS, else 5
   */
  readonly maxAttempts?: number;
  /** Extra client configuration (credentials, requestHandler...). */
  readonly clientConfig?: Record<string, unknown>;
}

export const DEFAULT_MAX_ATTEMPTS = 5;

export function createAwsClients(region: string, options: AwsClientOptions = {}): AwsClients {
  const fromEnv = Number.parseInt(process.env.AWS_MAX_ATTEMPTS ?? '', 10);
  const maxAttempts = options.maxAttempts ?? (Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_MAX_ATTEMPTS);
  const config = { region, maxAttempts, retryMode: 'standard', ...options.clientConfig };
  return {
    region,
    cloudFormation: new CloudFormationClient(config),
    eks: new EKSClient(config),
    rds: new RDSClient(config),
  };
}

export function destroyAwsClients(clients: AwsClients): void {
  clients.cloudFormation.destroy();
  clients.eks.destroy();
  clients.rds.destroy();
}
