import { Validations, type App } from 'aws-cdk-lib';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { AwsSolutionsChecks } from 'cdk-nag';

/**
 * The checks `cdk synth` runs: cdk-nag's AwsSolutions pack and the AWS Control Tower
 * proactive controls (cfn-guard). A finding that is not acknowledged, with its reason, next
 * to the construct it concerns fails the synth; the findings land in the cloud assembly's
 * policy-validation report.
 */
export function addComplianceChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new CfnGuardValidator());
}
