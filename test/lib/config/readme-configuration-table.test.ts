import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CONTEXT_KEYS } from '../../../lib/config';

const README = path.resolve(__dirname, '..', '..', '..', 'README.md');

/** The keys in the first column of the README's configuration table (`| \`a\`, \`b\` | ...`). */
function documentedKeys(): string[] {
  const text = readFileSync(README, 'utf8');
  const section = text.slice(text.indexOf('### Configuration (CDK context)'));
  const table = section.split('\n').slice(1).join('\n').trim().split('\n\n')[0];
  return table
    .split('\n')
    .slice(2)
    .flatMap((row) => [...(row.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((match) => match[1]));
}

describe("the README's configuration table", () => {
  it('documents every context key the kit reads, and no other', () => {
    // Act
    const documented = documentedKeys();

    // Assess
    expect([...documented].sort()).toEqual(Object.values(CONTEXT_KEYS).sort());
  });
});
