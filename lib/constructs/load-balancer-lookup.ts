import { Duration, Fn, Stack, Validations } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, IDependable } from 'constructs';

export interface LoadBalancerLookupProps {
  readonly cluster: eks.ICluster;
  /** The Ingress the load balancer controller gives the load balancer to. */
  readonly ingressName: string;
  readonly ingressNamespace: string;
  /** The name the Ingress's alb.ingress.kubernetes.io/load-balancer-name annotation sets. */
  readonly loadBalancerName: string;
  /** What applies the Ingress (its chart); the lookup runs after it. */
  readonly after: IDependable[];
  /** How long to wait for the controller to create the load balancer. @default 10 minutes */
  readonly timeout?: Duration;
}

/**
 * The CloudWatch identity of a load balancer that the AWS Load Balancer Controller creates
 * for an Ingress, found at deploy time: first wait until the Ingress reports its load balancer
 * (the controller works asynchronously), then describe the load balancer by its name. Its
 * `app/<name>/<id>` suffix, the `LoadBalancer` dimension of the AWS/ApplicationELB metrics, is
 * only known once it exists, and alarms need the exact dimension (they cannot use SEARCH).
 *
 * Looked up when the stack first deploys and whenever the name changes. A load balancer the
 * controller replaces outside a deploy (the Ingress deleted by hand) leaves the alarms on the
 * old dimension until the lookup runs again (docs/platform.md, "Dashboard and alarms").
 */
export class LoadBalancerLookup extends Construct {
  /** app/<name>/<id>: the LoadBalancer dimension value. */
  readonly metricDimension: string;
  /** The DNS name the Ingress reports. */
  readonly dnsName: string;

  constructor(scope: Construct, id: string, props: LoadBalancerLookupProps) {
    super(scope, id);
    const ingressAddress = new eks.KubernetesObjectValue(this, 'IngressAddress', {
      cluster: props.cluster,
      objectType: 'ingress',
      objectName: props.ingressName,
      objectNamespace: props.ingressNamespace,
      jsonPath: '.status.loadBalancer.ingress[0].hostname',
      timeout: props.timeout ?? Duration.minutes(10),
    });
    ingressAddress.node.addDependency(...props.after);
    this.dnsName = ingressAddress.value;

    const describe: cr.AwsSdkCall = {
      service: 'ElasticLoadBalancingV2',
      action: 'describeLoadBalancers',
      parameters: { Names: [props.loadBalancerName] },
      physicalResourceId: cr.PhysicalResourceId.of(props.loadBalancerName),
      outputPaths: ['LoadBalancers.0.LoadBalancerArn'],
    };
    const lookup = new cr.AwsCustomResource(this, 'Describe', {
      onCreate: describe,
      onUpdate: describe,
      installLatestAwsSdk: false,
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        // DescribeLoadBalancers supports no resource scoping.
        new iam.PolicyStatement({ actions: ['elasticloadbalancing:DescribeLoadBalancers'], resources: ['*'] }),
      ]),
    });
    lookup.node.addDependency(ingressAddress);
    const arn = lookup.getResponseField('LoadBalancers.0.LoadBalancerArn');
    // arn:<partition>:elasticloadbalancing:<region>:<account>:loadbalancer/app/<name>/<id>
    this.metricDimension = Fn.select(1, Fn.split(':loadbalancer/', arn));
    Validations.of(lookup).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason: 'elasticloadbalancing:DescribeLoadBalancers supports no resource scoping; it is the only action and it reads.',
    });
    acknowledgeAwsCustomResourceProvider(Stack.of(this));
  }
}

/** Acknowledges the findings on the function aws-cdk-lib's AwsCustomResource runs, once per stack. */
function acknowledgeAwsCustomResourceProvider(stack: Stack): void {
  const provider = stack.node.tryFindChild(`AWS${cr.AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`);
  if (provider === undefined) return;
  Validations.of(provider).acknowledge(
    {
      id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'The AwsCustomResource function that looks up the load balancer writes its own CloudWatch logs only.',
    },
    {
      id: 'AwsSolutions::AwsSolutions-L1',
      reason: 'aws-cdk-lib pins the AwsCustomResource runtime to one its bundled handler supports.',
    },
  );
}
