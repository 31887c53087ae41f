import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { Construct } from 'constructs';
import { WorkloadRole } from './workload-role';

export interface PodIdentityBindingProps {
  readonly cluster: eks.ICluster;
  readonly workload: WorkloadRole;
}

/** Binds a workload role to its Kubernetes service accounts with EKS Pod Identity associations. */
export class PodIdentityBinding extends Construct {
  constructor(scope: Construct, id: string, props: PodIdentityBindingProps) {
    super(scope, id);
    for (const serviceAccount of props.workload.serviceAccounts) {
      new eks.CfnPodIdentityAssociation(this, serviceAccount, {
        clusterName: props.cluster.clusterName,
        namespace: props.workload.namespace,
        serviceAccount,
        roleArn: props.workload.role.roleArn,
      });
    }
  }
}
