import { DEFAULT_SAMPLE_RATE, parseSampleRate, shouldSample } from '../../../../functions/shared/capture/sampling';

describe('shouldSample', () => {
  it('gives the same decision for the same request id', () => {
    // Prepare
    const ids = Array.from({ length: 200 }, (_, i) => `req-${i}`);

    // Act
    const first = ids.map((id) => shouldSample(id, 0.3));
    const second = ids.map((id) => shouldSample(id, 0.3));

    // Assess
    expect(second).toEqual(first);
    expect(first).toContain(true);
    expect(first).toContain(false);
  });

  it('keeps about 5 % of 20,000 request ids at rate 0.05', () => {
    // Prepare
    const ids = Array.from({ length: 20_000 }, (_, i) => `c0ffee-${i}-${(i * 7919) % 10007}`);

    // Act
    const kept = ids.filter((id) => shouldSample(id, 0.05)).length;

    // Assess: 1,000 expected, binomial sd ~31; allow ~5 sd
    expect(kept).toBeGreaterThan(850);
    expect(kept).toBeLessThan(1150);
  });

  it('keeps a subset of a lower rate when the rate grows', () => {
    // Prepare
    const ids = Array.from({ length: 2_000 }, (_, i) => `id-${i}`);

    // Act
    const low = ids.filter((id) => shouldSample(id, 0.05));
    const high = new Set(ids.filter((id) => shouldSample(id, 0.1)));

    // Assess
    expect(low.every((id) => high.has(id))).toBe(true);
  });

  it('keeps everything at rate 1 and nothing at rate 0', () => {
    expect(['a', 'b', 'c'].every((id) => shouldSample(id, 1))).toBe(true);
    expect(['a', 'b', 'c'].some((id) => shouldSample(id, 0))).toBe(false);
  });
});

describe('parseSampleRate', () => {
  it.each([
    ['0.05', 0.05],
    [' 0.1 ', 0.1],
    ['1', 1],
    ['1e-2', 0.01],
    ['.5', 0.5],
  ])('reads %p as %p', (raw, rate) => {
    expect(parseSampleRate(raw)).toBe(rate);
  });

  it('uses the default when unset or blank', () => {
    expect(parseSampleRate(undefined)).toBe(DEFAULT_SAMPLE_RATE);
    expect(parseSampleRate('  ')).toBe(0.05);
    expect(parseSampleRate(undefined, 0.1)).toBe(0.1);
  });

  it.each(['0', '-0.1', '1.5', 'abc', '5%', '0x1', 'NaN', 'Infinity', '0.05.1'])('rejects %p naming SAMPLE_RATE and the value', (raw) => {
    expect(() => parseSampleRate(raw)).toThrow(`SAMPLE_RATE must be a number in (0, 1] (e.g. 0.05), got "${raw}"`);
  });
});
