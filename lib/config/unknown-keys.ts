/**
 * Context keys that look like this kit's but are not: `-c dailyLLMBudgetUsd=5` (wrong case)
 * would otherwise synthesize with the default budget. The kit's keys are camelCase words;
 * framework keys are not (`@aws-cdk/...` feature flags, `aws:cdk:...`, cached lookups such as
 * `availability-zones:account=...`, `acknowledged-issue-numbers`), so they are left alone. An
 * app built on the kit that reads camelCase keys of its own passes them as `otherKeys`.
 */
import { APP_CONTEXT_KEYS, CONTEXT_KEYS } from './context-keys';

const KIT_KEY_SHAPE = /^[A-Za-z][A-Za-z0-9]*$/;

/** Every key the kit reads from context. */
export function knownContextKeys(): string[] {
  return [...Object.values(CONTEXT_KEYS), ...APP_CONTEXT_KEYS];
}

/** The keys of `keys` shaped like the kit's that neither the kit nor `otherKeys` (the app's own) name. */
export function unknownContextKeys(keys: readonly string[], otherKeys: readonly string[] = []): string[] {
  const known = new Set([...knownContextKeys(), ...otherKeys]);
  return keys.filter((key) => KIT_KEY_SHAPE.test(key) && !known.has(key));
}

/** `unknown context key dailyLLMBudgetUsd; did you mean dailyLlmBudgetUsd?`, one line per key. */
export function unknownKeysMessage(keys: readonly string[]): string {
  const lines = keys.map((key) => `  - ${key}: not a setting of this kit; did you mean ${closestKnownKey(key)}?`);
  return `Invalid monitoring configuration (unknown context ${keys.length === 1 ? 'key' : 'keys'}):\n${lines.join('\n')}\nThe settings are listed in the README's configuration table.`;
}

/** The known key nearest to `key`: case-insensitive edit distance, ties to the first. */
export function closestKnownKey(key: string): string {
  let best = '';
  let bestDistance = Infinity;
  for (const candidate of knownContextKeys()) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
