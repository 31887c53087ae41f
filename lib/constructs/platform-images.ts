import * as path from 'path';
import { IgnoreMode } from 'aws-cdk-lib';
import * as ecrAssets from 'aws-cdk-lib/aws-ecr-assets';
import { Construct } from 'constructs';
import { ReleaseImages } from '../config';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Never part of an image build context: dependencies, build output, local data, VCS. */
const ALWAYS_EXCLUDED = ['node_modules', 'cdk.out', 'dist', 'build', 'data', 'coverage', 'test-results', '.git', '**/__pycache__'];

/** The node groups are Graviton (AL2023 arm64): every image is built for linux/arm64. */
export const PLATFORM_IMAGE_ARCHITECTURE = ecrAssets.Platform.LINUX_ARM64;

export interface PlatformImagesProps {
  /**
   * CPU architecture of the nodes the images run on.
   * @default PLATFORM_IMAGE_ARCHITECTURE
   */
  readonly platform?: ecrAssets.Platform;
  /** The release file's images: their pins are build arguments, so changing one changes the image. */
  readonly release: ReleaseImages;
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

  /** The CPU architecture the images are built for; the pipeline's asset builder must match it. */
  readonly platform: ecrAssets.Platform;

  constructor(scope: Construct, id: string, props: PlatformImagesProps) {
    super(scope, id);
    const platform = (this.platform = props.platform ?? PLATFORM_IMAGE_ARCHITECTURE);
    const asset = (assetId: string, directory: string, file: string, buildArgs: Record<string, string>, exclude: string[] = []) =>
      new ecrAssets.DockerImageAsset(this, assetId, {
        directory: path.join(REPO_ROOT, directory),
        file,
        platform,
        buildArgs,
        ignoreMode: IgnoreMode.DOCKER,
        exclude: [...ALWAYS_EXCLUDED, ...exclude],
      });
    const { release } = props;
    this.webApp = asset('WebApp', '.', 'app/Dockerfile', { IMAGE_VERSION: release.webApp }, [
      'charts',
      'notebooks',
      'bin',
      'test',
      'scripts',
      '*.md',
    ]);
    this.spark = asset('Spark', 'charts/spark', 'image/Dockerfile', { SPARK_IMAGE: release.spark });
    this.notebookRunner = asset('NotebookRunner', 'notebooks', 'runner/Dockerfile', { IMAGE_VERSION: release.notebookRunner });
  }
}
