import { main } from '../../../bin/agent-monitor';
import { capturingCli, type CapturedCli } from '../../support/cli-context';

const RUN_TIMEOUT_MS = 90_000;

function inProcess(): CapturedCli {
  return capturingCli({ noDynamo: 'simulate uses its own embedded dynalite' });
}

describe('agent-monitor simulate --provider', () => {
  it('plays the same requests on Bedrock, priced as Nova Lite, and fires the same intended alarm', async () => {
    // Prepare
    const [openAI, bedrock] = [inProcess(), inProcess()];

    // Act
    const openAICode = await main(['simulate', '--scenario', 'auth-failure', '--json'], openAI);
    const bedrockCode = await main(['simulate', '--scenario', 'auth-failure', '--provider', 'bedrock', '--json'], bedrock);

    // Assess: Nova Lite's prices (0.06 / 0.24 USD per 1M tokens) are 0.4 times gpt-4o-mini's (0.15 / 0.6)
    expect([openAICode, bedrockCode]).toEqual([0, 0]);
    const [onOpenAI, onBedrock] = [JSON.parse(openAI.lines.join('\n')), JSON.parse(bedrock.lines.join('\n'))];
    expect(onBedrock.summary.total_requests).toBe(onOpenAI.summary.total_requests);
    expect(onBedrock.summary.total_tokens).toBe(onOpenAI.summary.total_tokens);
    expect(onBedrock.summary.error_rate).toBe(onOpenAI.summary.error_rate);
    expect(onBedrock.summary.total_cost).toBeCloseTo(onOpenAI.summary.total_cost * 0.4, 4);
    expect(onBedrock.alarms.map((alarm: { name: string }) => alarm.name)).toContain('agent-auth-error-critical');
    expect(bedrock.errors).toEqual([]);
  }, RUN_TIMEOUT_MS);

  it('says on which provider and model the traffic was played', async () => {
    // Prepare
    const context = inProcess();

    // Act
    const code = await main(['simulate', '--scenario', 'auth-failure', '--provider', 'bedrock'], context);

    // Assess
    expect(code).toBe(0);
    expect(context.lines.join('\n')).toMatch(/^Played on bedrock \(--provider bedrock\): traffic model amazon\.nova-lite-v1:0\.$/m);
  }, RUN_TIMEOUT_MS);

  it('refuses a provider the simulator does not play, naming the option and the choices', async () => {
    // Prepare
    const context = inProcess();

    // Act
    const code = await main(['simulate', '--scenario', 'auth-failure', '--provider', 'azure'], context);

    // Assess
    expect(code).not.toBe(0);
    expect(context.errors.join('\n')).toContain("option '--provider <provider>' argument 'azure' is invalid. must be one of openai, bedrock");
    expect(context.lines).toEqual([]);
  });
});
