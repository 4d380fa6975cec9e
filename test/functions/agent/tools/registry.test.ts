import { defaultTools, toolByName } from '../../../../functions/agent/tools/registry';

interface JsonSchemaObject {
  type: string;
  properties: Record<string, { type: string; description?: string }>;
  required?: string[];
  additionalProperties: boolean;
}

const context = { now: () => new Date('2025-06-15T12:00:00Z') };

describe('defaultTools', () => {
  it('offers calculator, current_datetime, date_diff and search_docs with unique names', () => {
    // Act
    const names = defaultTools().map((tool) => tool.name);

    // Assess
    expect(names).toEqual(['calculator', 'current_datetime', 'date_diff', 'search_docs']);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(defaultTools().map((tool) => [tool.name, tool] as const))('defines %s as a valid OpenAI function tool', (name, tool) => {
    // Act
    const { type, function: fn } = tool.definition;
    const schema = fn.parameters as unknown as JsonSchemaObject;

    // Assess
    expect(type).toBe('function');
    expect(fn.name).toBe(name);
    expect(fn.name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    expect(fn.description?.length).toBeGreaterThan(40);
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    for (const required of schema.required ?? []) expect(Object.keys(schema.properties)).toContain(required);
    for (const property of Object.values(schema.properties)) {
      expect(['string', 'integer', 'number', 'boolean']).toContain(property.type);
      expect(property.description).toBeTruthy();
    }
    expect(() => JSON.parse(JSON.stringify(tool.definition))).not.toThrow();
  });

  it('runs every tool with sensible arguments', async () => {
    // Prepare
    const tools = defaultTools();
    const args: Record<string, unknown> = {
      calculator: { expression: '2 + 2' },
      current_datetime: {},
      date_diff: { from: '2025-01-01', to: '2025-01-31' },
      search_docs: { query: 'latency' },
    };

    // Act
    const results = await Promise.all(tools.map(async (tool) => tool.run(args[tool.name], context)));

    // Assess
    expect(results[0]).toBe('4');
    expect(results[1]).toContain('weekday: Sunday');
    expect(results[2]).toBe('30 days from 2025-01-01 to 2025-01-31');
    expect(results[3]).toContain('Latency tiers');
  });
});

describe('toolByName', () => {
  it('finds a tool by its name and nothing for an unknown name', () => {
    // Prepare
    const tools = defaultTools();

    // Act
    const found = toolByName(tools, 'calculator');
    const missing = toolByName(tools, 'shell');

    // Assess
    expect(found?.name).toBe('calculator');
    expect(missing).toBeUndefined();
  });
});
