import { ALERT_LIMITS, boundedJson, DEEPER_VALUE, truncateText } from '../../../functions/alert-router/bounded';
import { isWellFormed } from './fixtures';

describe('truncateText', () => {
  it('keeps a text within the limit as it is', () => {
    // Act
    const text = truncateText('short', 10);

    // Assess
    expect(text).toBe('short');
  });

  it('cuts a longer text to the limit, ending in an ellipsis, without splitting an emoji', () => {
    // Act
    const cut = truncateText('😀'.repeat(10), 6);

    // Assess
    expect(cut).toBe('😀😀…');
    expect(isWellFormed(cut)).toBe(true);
    expect(isWellFormed(truncateText('😀'.repeat(10), 7))).toBe(true);
  });
});

describe('boundedJson', () => {
  it('copies small JSON unchanged', () => {
    // Prepare
    const value = { metric: 'agent.requests.errors', threshold: 5, dims: [{ service: 'agent' }], ok: true, none: null };

    // Act
    const bounded = boundedJson(value);

    // Assess
    expect(bounded).toEqual(value);
  });

  it('replaces what is nested deeper than the limit', () => {
    // Prepare
    const deep = JSON.parse(`${'{"a":'.repeat(20)}1${'}'.repeat(20)}`);

    // Act
    const text = JSON.stringify(boundedJson(deep));

    // Assess
    expect(text).toBe(`${'{"a":'.repeat(ALERT_LIMITS.detailsDepth)}"${DEEPER_VALUE}"${'}'.repeat(ALERT_LIMITS.detailsDepth)}`);
  });

  it('keeps the first entries of a long list and says how many it left out', () => {
    // Act
    const bounded = boundedJson(Array.from({ length: 120 }, (_, index) => index)) as unknown[];

    // Assess
    expect(bounded).toHaveLength(ALERT_LIMITS.detailsEntries + 1);
    expect(bounded.at(-1)).toBe(`… ${120 - ALERT_LIMITS.detailsEntries} more`);
  });

  it('stays within the total size however many long strings the details hold', () => {
    // Prepare
    const wide = Object.fromEntries(Array.from({ length: 40 }, (_, index) => [`field${index}`, 'x'.repeat(5_000)]));

    // Act
    const text = JSON.stringify(boundedJson(wide));

    // Assess
    expect(text.length).toBeLessThan(ALERT_LIMITS.detailsTotalChars + 1_000);
  });

  it('turns values JSON cannot hold into text', () => {
    // Act
    const bounded = boundedJson({ big: BigInt(7), infinite: Number.POSITIVE_INFINITY, missing: undefined });

    // Assess
    expect(bounded).toEqual({ big: '7', infinite: 'Infinity' });
  });
});
