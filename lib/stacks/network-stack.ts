import { RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { EnvironmentConfig } from '../config';
import { PlatformVpc } from '../constructs/platform-vpc';

export interface NetworkStackProps extends StackProps {
  readonly config: EnvironmentConfig;
}

/** The VPC every other stack of one environment lives in. */
export class NetworkStack extends Stack {
  readonly vpc: ec2.IVpc;
  private readonly zones: string[];

  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, id, props);
    const { network, region, name } = props.config;
    this.zones = ['a', 'b', 'c'].slice(0, network.maxAzs).map((suffix) => `${region}${suffix}`);
    const platformVpc = new PlatformVpc(this, 'Network', {
      cidr: network.vpcCidr,
      availabilityZones: this.zones,
      natGateways: network.natGateways,
      flowLogRetention: network.flowLogRetentionDays as logs.RetentionDays,
      removalPolicy: name === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.vpc = platformVpc.vpc;
  }

  /** The zones are named in config, so synthesis never looks them up in the account. */
  override get availabilityZones(): string[] {
    return this.zones;
  }
}
