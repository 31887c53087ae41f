import { Match, Template } from 'aws-cdk-lib/assertions';
import { removeAssembly, synthesizePlatform } from '../support/platform-synth';

describe('the EKS API endpoint', () => {
  test('a configured allow-list opens the public endpoint to those CIDRs only', () => {
    const narrowed = synthesizePlatform({
      appProps: { context: { env: 'staging', 'datavis:staging:publicAccessCidrs': '203.0.113.0/24' } },
    });
    try {
      Template.fromStack(narrowed.platforms.get('staging')!.cluster).hasResourceProperties('AWS::EKS::Cluster', {
        ResourcesVpcConfig: Match.objectLike({
          EndpointPrivateAccess: true,
          EndpointPublicAccess: true,
          PublicAccessCidrs: ['203.0.113.0/24'],
        }),
      });
    } finally {
      removeAssembly(narrowed);
    }
  });
});
