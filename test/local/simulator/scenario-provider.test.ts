import type { Context } from 'aws-lambda';
import type { AgentSuccess } from '../../../functions/agent/agent-service';
import { ScenarioError, type Scenario } from '../../../local/simulator/scenario';
import { loadScenario } from '../../../local/simulator/scenario-loader';
import { BEDROCK_COUNTERPARTS, withProvider } from '../../../local/simulator/scenario-provider';
import { parseScenario } from '../../../local/simulator/scenario-validation';
import { startSimulationWorld } from '../../../local/simulator/simulation-world';
import { TrafficModel, trafficSegments } from '../../../local/simulator/traffic';

/** A valid scenario, changed by `edit`. */
function scenarioWith(edit: (scenario: Record<string, any>) => void = () => undefined): Record<string, any> {
  const scenario: Record<string, any> = {
    name: 'providers',
    durationMinutes: 6,
    requestsPerMinute: 3,
    seed: 7,
    traffic: { model: 'gpt-4o-mini', latencyMs: { median: 1000, p95: 2500 }, promptTokens: 1000, completionTokens: 200, toolCallsPerRequest: 1, quality: 0.9 },
    phases: [
      { fromMinute: 2, toMinute: 4, provider: 'bedrock' },
      { fromMinute: 4, toMinute: 6, provider: 'bedrock', model: 'us.amazon.nova-pro-v1:0' },
    ],
  };
  edit(scenario);
  return scenario;
}

function problemsOf(value: unknown): string {
  try {
    parseScenario(value);
  } catch (error) {
    if (error instanceof ScenarioError) return error.message;
    throw error;
  }
  throw new Error('the scenario was accepted');
}

describe('scenario provider fields', () => {
  it('reads traffic.provider and phases[].provider; a Bedrock span without a model of its own calls Nova Lite', () => {
    // Act
    const scenario = parseScenario(scenarioWith());
    const segments = trafficSegments(scenario);

    // Assess
    expect(scenario.phases[0].provider).toBe('bedrock');
    expect(segments.map((segment) => [segment.fromMinute, segment.provider, segment.model])).toEqual([
      [0, 'openai', 'gpt-4o-mini'],
      [2, 'bedrock', 'amazon.nova-lite-v1:0'],
      [4, 'bedrock', 'us.amazon.nova-pro-v1:0'],
    ]);
  });

  it('defaults the model of a Bedrock traffic profile to amazon.nova-lite-v1:0, and its OpenAI phases to gpt-4o-mini', () => {
    // Act
    const scenario = parseScenario(
      scenarioWith((s) => {
        s.traffic.provider = 'bedrock';
        delete s.traffic.model;
        s.phases = [{ fromMinute: 1, toMinute: 2, provider: 'openai' }];
      }),
    );

    // Assess
    expect(scenario.traffic.model).toBe('amazon.nova-lite-v1:0');
    expect(trafficSegments(scenario).map((segment) => `${segment.provider} ${segment.model}`)).toEqual(['bedrock amazon.nova-lite-v1:0', 'openai gpt-4o-mini', 'bedrock amazon.nova-lite-v1:0']);
  });

  it.each<[string, (scenario: Record<string, any>) => void, RegExp]>([
    ['an unknown traffic provider', (s) => (s.traffic.provider = 'azure'), /^traffic\.provider must be one of openai, bedrock, got "azure"$/m],
    ['an unknown phase provider', (s) => (s.phases[0].provider = 42), /^phases\[0\]\.provider must be one of openai, bedrock, got 42$/m],
    ['an OpenAI model on Bedrock traffic', (s) => (s.traffic.provider = 'bedrock'), /^traffic\.model with provider bedrock: "gpt-4o-mini" is not an Amazon Bedrock model id/m],
    ['an OpenAI model in a Bedrock phase', (s) => (s.phases[0].model = 'gpt-4o'), /^phases\[0\]\.model with provider bedrock: "gpt-4o" is not an Amazon Bedrock model id/m],
    [
      'an OpenAI model in a phase of Bedrock traffic',
      (s) => Object.assign(s.traffic, { provider: 'bedrock', model: 'amazon.nova-lite-v1:0' }) && (s.phases = [{ fromMinute: 1, toMinute: 2, model: 'gpt-4o' }]),
      /^phases\[0\]\.model with provider bedrock: "gpt-4o" is not an Amazon Bedrock model id/m,
    ],
    ['a malformed Bedrock model id', (s) => (s.phases[1].model = 'acme.model-v1'), /^phases\[1\]\.model with provider bedrock: "acme.model-v1" is not an Amazon Bedrock model id: "acme" is not a Bedrock model provider/m],
  ])('refuses %s, naming the field', (_label, edit, expected) => {
    // Act
    const message = problemsOf(scenarioWith(edit));

    // Assess
    expect(message).toMatch(expected);
  });

  it('accepts a Bedrock model in a phase of OpenAI traffic only with the phase on Bedrock', () => {
    // Act: an OpenAI-compatible endpoint may serve any name, so the model alone is no error
    const scenario = parseScenario(scenarioWith((s) => (s.phases = [{ fromMinute: 1, toMinute: 2, model: 'amazon.nova-pro-v1:0' }])));

    // Assess
    expect(trafficSegments(scenario)[1]).toMatchObject({ provider: 'openai', model: 'amazon.nova-pro-v1:0' });
  });
});

describe('withProvider (agent-monitor simulate --provider)', () => {
  it('switches the traffic and every phase without a provider, their OpenAI models to their Bedrock counterparts', () => {
    // Prepare
    const costSpike = loadScenario('cost-spike');

    // Act
    const switched = withProvider(costSpike, 'bedrock');

    // Assess
    expect(switched.traffic).toEqual({ ...costSpike.traffic, provider: 'bedrock', model: 'amazon.nova-lite-v1:0' });
    expect(switched.phases[0]).toEqual({ ...costSpike.phases[0], model: BEDROCK_COUNTERPARTS['gpt-4o'] });
    expect(() => parseScenario(JSON.parse(JSON.stringify(switched)))).not.toThrow();
  });

  it('keeps a phase’s own provider and the model it had; an unknown OpenAI model becomes Nova Lite, and back again', () => {
    // Prepare
    const scenario = parseScenario(scenarioWith((s) => s.phases.push({ fromMinute: 1, toMinute: 2, provider: 'openai' }, { fromMinute: 0, toMinute: 1, model: 'o3' })));

    // Act
    const onBedrock = withProvider(scenario, 'bedrock');
    const back = withProvider(onBedrock, 'openai');

    // Assess
    expect(trafficSegments(onBedrock).map((segment) => `${segment.provider} ${segment.model}`)).toEqual([
      'bedrock amazon.nova-lite-v1:0', // o3, a model with no counterpart
      'openai gpt-4o-mini', // its own provider, with the model it inherited before the switch
      'bedrock amazon.nova-lite-v1:0',
      'bedrock us.amazon.nova-pro-v1:0',
    ]);
    expect(back.traffic.model).toBe('gpt-4o-mini');
    expect(back.phases[1].model).toBe('us.amazon.nova-pro-v1:0'); // its own provider, bedrock, kept
    expect(back.phases[3].model).toBe('gpt-4o-mini');
  });
});

describe('a run that switches provider mid-run', () => {
  it('sends each request to the agent of its span’s provider and model, through one world', async () => {
    // Prepare
    const scenario = parseScenario(scenarioWith());
    const start = Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000;
    const world = await startSimulationWorld(scenario, { start, sampleRate: 0.1 });
    const { maxToolIterations, deadlineMs, llmTimeoutMs } = world.agentConfig;
    const traffic = new TrafficModel(scenario, { maxToolCalls: maxToolIterations - 1, deadlineMs, llmTimeoutMs });
    const models: string[] = [];

    // Act
    try {
      for (const minute of [0, 2, 4]) {
        traffic.draw(world.plan, traffic.segmentAt(minute), start + minute * 60_000, 0, 1);
        world.clock.set(world.plan.startMs);
        const reply = (await world.agent({ question: 'What is 2 + 2?' }, { awsRequestId: `switch-${minute}` } as Context)) as AgentSuccess;
        models.push(`${world.plan.provider} ${reply.model} ${reply.costUsd! > 0}`);
      }
    } finally {
      await world.stop();
    }

    // Assess
    expect(models).toEqual(['openai gpt-4o-mini true', 'bedrock amazon.nova-lite-v1:0 true', 'bedrock us.amazon.nova-pro-v1:0 true']);
  });
});

describe('Scenario type', () => {
  it('leaves provider optional, so scenarios written for OpenAI stay valid', () => {
    const scenario: Scenario = loadScenario('auth-failure');
    expect(scenario.traffic.provider).toBeUndefined();
  });
});
