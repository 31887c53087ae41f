import * as path from 'path';
import { IgnoreMode } from 'aws-cdk-lib';
import * as ecrAssets from 'aws-cdk-lib/aws-ecr-assets';
import { Construct } from 'constructs';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Never part of an image build context: dependencies, build output, local data, VCS. */
const ALWAYS_EXCLUDED = ['node_modules', 'cdk.out', 'dist', 'build', 'data', 'coverage', 'test-results', '.git', '**/__pycache__'];

export interface PlatformImagesProps {
  /**
   * CPU architecture of the nodes the images run on.
   * @default Platform.LINUX_ARM64 (the node groups are Graviton)
   */
  readonly platform?: ecrAssets.Platform;
}

/**
 * The images this repository builds, as CDK image assets: `cdk deploy` builds them and
 * pushes them to the bootstrap ECR repository, tagged by content hash, and the charts
 * receive their URIs.
 */
export class PlatformImages extends Construct {
  /** The web app: API and UI, from app/Dockerfile with the repository as context. */
  readonly webApp: ecrAssets.DockerImageAsset;
  /** Spark with the S3 connector and the platform's jobs, from charts/spark/image/Dockerfile. */
  readonly spark: ecrAssets.DockerImageAsset;
  /** Papermill runner with PySpark and S3 filesystems, from notebooks/runner/Dockerfile. */
  readonly notebookRunner: ecrAssets.DockerImageAsset;

  constructor(scope: Construct, id: string, props: PlatformImagesProps = {}) {
    super(scope, id);
    const platform = props.platform ?? ecrAssets.Platform.LINUX_ARM64;
    const asset = (assetId: string, directory: string, file: string, exclude: string[] = []) =>
      new ecrAssets.DockerImageAsset(this, assetId, {
        directory: path.join(REPO_ROOT, directory),
        file,
        platform,
        ignoreMode: IgnoreMode.DOCKER,
        exclude: [...ALWAYS_EXCLUDED, ...exclude],
      });
    this.webApp = asset('WebApp', '.', 'app/Dockerfile', ['charts', 'notebooks', 'bin', 'test', 'scripts', '*.md']);
    this.spark = asset('Spark', 'charts/spark', 'image/Dockerfile');
    this.notebookRunner = asset('NotebookRunner', 'notebooks', 'runner/Dockerfile');
  }
}
