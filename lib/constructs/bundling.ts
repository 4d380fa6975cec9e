import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as path from 'node:path';

/** The repository root, where `functions/` lives. */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/**
 * How every function is built and run: Node.js 24 (the newest Lambda runtime) on arm64, bundled locally by the esbuild
 * devDependency (never Docker), minified, with the AWS SDK v3 left to the Lambda runtime.
 */
export function functionDefaults(entry: string): nodejs.NodejsFunctionProps {
  return {
    entry: path.join(PROJECT_ROOT, entry),
    handler: 'handler',
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture: lambda.Architecture.ARM_64,
    depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
    projectRoot: PROJECT_ROOT,
    memorySize: 512,
    timeout: Duration.seconds(30),
    bundling: {
      minify: true,
      target: 'node22',
      format: nodejs.OutputFormat.CJS,
      externalModules: ['@aws-sdk/*'],
      forceDockerBundling: false,
      sourceMap: false,
    },
  };
}

/** The environment every monitored function shares: the `service` dimension and the metric namespace, for our code and Powertools alike. */
export function monitoringEnvironment(serviceName: string, namespace: string): Record<string, string> {
  return {
    SERVICE_NAME: serviceName,
    POWERTOOLS_SERVICE_NAME: serviceName,
    METRICS_NAMESPACE: namespace,
    POWERTOOLS_METRICS_NAMESPACE: namespace,
  };
}
