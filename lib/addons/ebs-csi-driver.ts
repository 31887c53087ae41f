import { Validations } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct, IDependable } from 'constructs';

export interface EbsCsiDriverProps {
  readonly cluster: eks.ICluster;
  /** Key the gp3 volumes are encrypted with. */
  readonly volumeKey: kms.IKey;
  /** Created once these exist (the controller's pods need nodes). @default none */
  readonly after?: IDependable[];
}

export const GP3_STORAGE_CLASS = 'gp3';

/**
 * The EBS CSI driver as an EKS add-on, its controller bound to an IAM role through Pod
 * Identity, and an encrypted gp3 StorageClass made the cluster default (JupyterHub's
 * per-user volumes use it).
 */
export class EbsCsiDriver extends Construct {
  readonly addon: eks.CfnAddon;
  readonly storageClass: eks.KubernetesManifest;

  constructor(scope: Construct, id: string, props: EbsCsiDriverProps) {
    super(scope, id);
    const role = new iam.Role(this, 'ControllerRole', {
      description: 'EBS CSI controller: creates, attaches and deletes the cluster volumes',
      assumedBy: new iam.ServicePrincipal('pods.eks.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonEBSCSIDriverPolicy')],
    });
    role.assumeRolePolicy?.addStatements(
      new iam.PolicyStatement({ principals: [new iam.ServicePrincipal('pods.eks.amazonaws.com')], actions: ['sts:TagSession'] }),
    );
    props.volumeKey.grant(role, 'kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant');
    props.volumeKey.grantEncryptDecrypt(role);
    Validations.of(role).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy]',
        reason:
          'AmazonEBSCSIDriverPolicy is the policy AWS maintains for this driver; its volume actions are scoped by the ebs.csi.aws.com tags it sets.',
      },
      {
        id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
        reason: 'grantEncryptDecrypt on the one volume key: the driver generates data keys for every volume it creates.',
      },
      {
        id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
        reason: 'grantEncryptDecrypt on the one volume key: snapshot copies re-encrypt under the same key.',
      },
    );

    this.addon = new eks.CfnAddon(this, 'Addon', {
      addonName: 'aws-ebs-csi-driver',
      clusterName: props.cluster.clusterName,
      resolveConflicts: 'OVERWRITE',
      podIdentityAssociations: [{ serviceAccount: 'ebs-csi-controller-sa', roleArn: role.roleArn }],
    });

    this.storageClass = new eks.KubernetesManifest(this, 'Gp3StorageClass', {
      cluster: props.cluster,
      manifest: [
        {
          apiVersion: 'storage.k8s.io/v1',
          kind: 'StorageClass',
          metadata: {
            name: GP3_STORAGE_CLASS,
            annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
          },
          provisioner: 'ebs.csi.aws.com',
          volumeBindingMode: 'WaitForFirstConsumer',
          allowVolumeExpansion: true,
          reclaimPolicy: 'Delete',
          parameters: { type: 'gp3', encrypted: 'true', kmsKeyId: props.volumeKey.keyArn },
        },
      ],
    });
    this.storageClass.node.addDependency(this.addon);
    if (props.after) this.addon.node.addDependency(...props.after);
  }
}
