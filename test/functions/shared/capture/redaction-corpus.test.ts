import { redact, REDACTION_MARKERS } from '../../../../functions/shared/capture/redact';
import { CLEAN_CASES, PERSONAL_CASES, type PersonalCase } from './redaction-corpus';

/** A personal case is recalled when none of its values survives and its kind's marker stands in their place. */
function recalled(testCase: PersonalCase): boolean {
  const redacted = redact(testCase.text);
  return testCase.values.every((value) => !redacted.includes(value)) && redacted.includes(REDACTION_MARKERS[testCase.kind]);
}

describe('the redaction corpus', () => {
  it('holds at least 80 cases: 40 with personal data, of every kind, and 40 without', () => {
    expect(PERSONAL_CASES.length).toBeGreaterThanOrEqual(40);
    expect(CLEAN_CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(PERSONAL_CASES.map((testCase) => testCase.kind))).toEqual(new Set(Object.keys(REDACTION_MARKERS)));
  });

  it('recalls at least 98 % of the personal data, and changes none of the clean text', () => {
    // Act
    const missed = PERSONAL_CASES.filter((testCase) => !recalled(testCase));
    const falsePositives = CLEAN_CASES.filter((text) => redact(text) !== text);
    const recall = (PERSONAL_CASES.length - missed.length) / PERSONAL_CASES.length;
    console.log(
      `redaction corpus: ${PERSONAL_CASES.length + CLEAN_CASES.length} cases; recall ${(recall * 100).toFixed(1)} % ` +
        `(${PERSONAL_CASES.length - missed.length}/${PERSONAL_CASES.length}); false positives ${falsePositives.length}/${CLEAN_CASES.length}`,
    );

    // Assess
    expect(missed.map((testCase) => `${testCase.kind}: ${redact(testCase.text)}`)).toEqual([]);
    expect(recall).toBeGreaterThanOrEqual(0.98);
    expect(falsePositives.map((text) => `${text} => ${redact(text)}`)).toEqual([]);
  });
});
