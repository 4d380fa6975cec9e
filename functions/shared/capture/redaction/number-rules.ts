import { ibanValid, luhnValid } from './checksums';
import { REDACTION_MARKERS } from './markers';
import { THING_LABEL, type Rule } from './rule';

const { card: CARD, iban: IBAN, ssn: SSN } = REDACTION_MARKERS;

/** Card networks' numbers start with 2-6 (Mastercard 2/5, Amex 3, Visa 4, Discover 6), not epoch-ms 1... */
const CARD_FIRST_DIGIT = /^[2-6]/;

/**
 * IBANs (ISO 13616, mod-97 checked), unspaced or in groups of four: DE89 3704 0044 0532 0130 00.
 * A word that follows a spaced IBAN may be read as its last group; the longest valid prefix wins.
 */
const IBAN_RULE: Rule = {
  pattern: /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[A-Za-z0-9]{11,30}|(?: [A-Za-z0-9]{4}){2,7}(?: [A-Za-z0-9]{1,4})?)(?![A-Za-z0-9])/g,
  replace: (match) => {
    const groups = match.split(' ');
    for (let count = groups.length; count > 0; count--) {
      if (ibanValid(groups.slice(0, count).join('').toUpperCase())) return [IBAN, ...groups.slice(count)].join(' ');
    }
    return match;
  },
};

/** Runs of digit groups separated by one space or dash; not part of a decimal or a +phone. */
const CARD_RULE: Rule = {
  pattern: /(?<![+\d]|\d[.,])\d+(?:[ -]\d+)*(?!\d)/g,
  replace: redactCardIn,
};

/** Cards written with dots: 4111.1111.1111.1111, 3782.822463.10005. */
const DOTTED_CARD_RULE: Rule = {
  pattern: /(?<![\d.])(?:\d{4}\.\d{4}\.\d{4}\.\d{1,7}|\d{4}\.\d{6}\.\d{4,5})(?!\.?\d)/g,
  replace: (match) => (isCardNumber(match.replace(/\./g, '')) ? CARD : match),
};

/** US social security numbers, dashed (valid area, group and serial; not labelled an invoice, order...), or in other forms where "SSN" announces them. */
const SSN_RULES: readonly Rule[] = [
  {
    pattern: /(?<![\d-])(\d{3})-(\d{2})-(\d{4})(?![\d-])/g,
    replace: (match, { groups: [area = '', group = '', serial = ''], before }) =>
      ssnValid(area, group, serial) && !THING_LABEL.test(before) ? SSN : match,
  },
  {
    pattern: /(?<![\d-])(\d{3}) ?(\d{2}) ?(\d{4})(?!\d)/g,
    replace: (match, { groups: [area = '', group = '', serial = ''], before }) =>
      /\bssn\b|social security/i.test(before) && ssnValid(area, group, serial) ? SSN : match,
  },
];

function ssnValid(area: string, group: string, serial: string): boolean {
  return area !== '000' && area !== '666' && !area.startsWith('9') && group !== '00' && serial !== '0000';
}

/** Replaces the longest card-shaped, Luhn-valid 13–19 digit span (first digit 2-6) inside a run of digit groups. */
function redactCardIn(run: string): string {
  const parts = run.split(/([ -])/);
  const groups = parts.filter((_, i) => i % 2 === 0);
  const span = longestCardSpan(groups);
  if (!span) return run;
  const before = parts.slice(0, span.first * 2).join('');
  const after = parts.slice(span.last * 2 + 1).join('');
  return `${before}${CARD}${after}`;
}

function longestCardSpan(groups: readonly string[]): { first: number; last: number } | undefined {
  let best: { first: number; last: number; length: number } | undefined;
  for (let first = 0; first < groups.length; first++) {
    if (groups[first].length !== 4 && groups[first].length < 13) continue; // no card starts with such a group
    let digits = '';
    for (let last = first; last < groups.length && digits.length < 19; last++) {
      digits += groups[last];
      const longer = !best || digits.length > best.length;
      if (longer && cardShaped(groups.slice(first, last + 1)) && isCardNumber(digits)) best = { first, last, length: digits.length };
    }
  }
  return best;
}

function isCardNumber(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && CARD_FIRST_DIGIT.test(digits) && luhnValid(digits);
}

/**
 * How cards are printed: one unbroken number, groups of four (the last may be shorter), or
 * 4-6-5 / 4-6-4 (Amex, Diners). A run of small numbers (12 34 56 78 ...) is never card-shaped.
 */
function cardShaped(groups: readonly string[]): boolean {
  if (groups.length === 1) return true;
  const lengths = groups.map((group) => group.length).join(',');
  if (lengths === '4,6,5' || lengths === '4,6,4') return true;
  return groups.length >= 3 && groups.slice(0, -1).every((group) => group.length === 4) && groups[groups.length - 1].length <= 4;
}

/** Bank and card numbers and SSNs; they run before phone numbers, which they would otherwise resemble. */
export const NUMBER_RULES: readonly Rule[] = [IBAN_RULE, CARD_RULE, DOTTED_CARD_RULE, ...SSN_RULES];
