import { Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import { parseBedrockModelId, type BedrockModelRef } from '../../functions/shared/llm/bedrock-model-id';

/**
 * The one action the Converse API is authorized by. The functions never stream, so
 * `bedrock:InvokeModelWithResponseStream` (ConverseStream) is not granted.
 */
export const BEDROCK_INVOKE_ACTION = 'bedrock:InvokeModel';

/** What a role needs to call one configured Bedrock model through Converse. */
export interface BedrockModelAccess {
  /** The statements to add to the role. */
  readonly statements: readonly iam.PolicyStatement[];
  /** Resources with a `*` (the routed-to foundation models of an inference profile), acknowledged as AwsSolutions-IAM5. */
  readonly wildcardResources: readonly string[];
}

/**
 * The least-privilege grant for calling `modelId` (as `AGENT_MODEL` / `JUDGE_MODEL` give it):
 *
 * - a foundation model id: that model in the region of `scope`'s stack;
 * - an ARN of a foundation model: that ARN;
 * - a system inference profile (id or ARN): the profile, and its foundation model in any region
 *   (`bedrock:*::foundation-model/<id>`, the `*` also matching the empty region of `global.`
 *   profiles) only when called through that profile (condition `bedrock:InferenceProfileArn`);
 * - an application inference profile ARN: that ARN, and any foundation model only when called
 *   through that profile (the model it routes to is not in its ARN).
 *
 * @throws BedrockModelIdError when `modelId` is not a Bedrock model id
 * @example
 * const access = bedrockModelAccess(role, 'us.amazon.nova-lite-v1:0');
 * for (const statement of access.statements) role.addToPolicy(statement);
 */
export function bedrockModelAccess(scope: IConstruct, modelId: string): BedrockModelAccess {
  const ref = parseBedrockModelId(modelId);
  const stack = Stack.of(scope);
  if (ref.kind === 'foundation-model') {
    return { statements: [invoke('InvokeBedrockModel', [foundationModelArn(stack, ref)])], wildcardResources: [] };
  }
  const profileArn = ref.kind === 'application-inference-profile' ? ref.id : inferenceProfileArn(stack, ref);
  const routedModels = `arn:${ref.partition ?? stack.partition}:bedrock:*::foundation-model/${ref.kind === 'inference-profile' ? ref.baseModelId : '*'}`;
  return {
    statements: [
      invoke('InvokeBedrockInferenceProfile', [profileArn]),
      invoke('InvokeBedrockModelThroughProfile', [routedModels], { ArnEquals: { 'bedrock:InferenceProfileArn': profileArn } }),
    ],
    wildcardResources: [routedModels],
  };
}

/**
 * Adds the grant of {@link bedrockModelAccess} to `role`, acknowledging each `*` resource for
 * cdk-nag (AwsSolutions-IAM5) with the reason it is there.
 */
export function grantBedrockModel(role: iam.Role, modelId: string): void {
  const access = bedrockModelAccess(role, modelId);
  for (const statement of access.statements) role.addToPolicy(statement);
  for (const resource of access.wildcardResources) {
    Validations.of(role).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::${nagResource(Stack.of(role), resource)}]`,
      reason: resource.endsWith('/*') ? APPLICATION_PROFILE_REASON : SYSTEM_PROFILE_REASON,
    });
  }
}

const SYSTEM_PROFILE_REASON =
  'A cross-region inference profile routes each call to its foundation model in one of its destination regions, which AWS adds to over time; the region is therefore *, but the model is exactly the configured one and the statement holds only for calls made through the configured profile (condition bedrock:InferenceProfileArn), never for direct calls in other regions.';

const APPLICATION_PROFILE_REASON =
  'An application inference profile ARN does not say which foundation model it routes to (the team sets that when creating the profile), so the foundation models are *; the statement holds only for calls made through the configured profile (condition bedrock:InferenceProfileArn), so the role reaches no model the profile does not route to.';

function invoke(sid: string, resources: string[], conditions?: Record<string, unknown>): iam.PolicyStatement {
  return new iam.PolicyStatement({ sid, actions: [BEDROCK_INVOKE_ACTION], resources, ...(conditions ? { conditions } : {}) });
}

function foundationModelArn(stack: Stack, ref: Extract<BedrockModelRef, { kind: 'foundation-model' }>): string {
  if (ref.id.startsWith('arn:')) return ref.id;
  return `arn:${stack.partition}:bedrock:${stack.region}::foundation-model/${ref.baseModelId}`;
}

function inferenceProfileArn(stack: Stack, ref: Extract<BedrockModelRef, { kind: 'inference-profile' }>): string {
  if (ref.id.startsWith('arn:')) return ref.id;
  return `arn:${stack.partition}:bedrock:${stack.region}:${stack.account}:inference-profile/${ref.profileId}`;
}

/** How cdk-nag writes a resource in a finding id: references (pseudo parameters) as `<AWS::Partition>`. */
function nagResource(stack: Stack, resource: string): string {
  if (!Token.isUnresolved(resource)) return resource;
  const resolved = stack.resolve(resource) as { 'Fn::Join': [string, unknown[]] };
  const [separator, parts] = resolved['Fn::Join'];
  return parts.map((part) => (typeof part === 'string' ? part : `<${(part as { Ref: string }).Ref}>`)).join(separator);
}
