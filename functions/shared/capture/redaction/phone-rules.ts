import { REDACTION_MARKERS } from './markers';
import { digitCount, THING_LABEL, VERSION_LABEL, type MatchContext, type Rule } from './rule';

const PHONE = REDACTION_MARKERS.phone;

/** Words that announce a phone number, in the languages chat text is most often in. */
const PHONE_LABEL =
  /(?:phone|tel\b|tél|telefon|call|ring|mobile?|mobil|cell|handy|portable|whats ?app|signal|sms|text(?: me)?|fax|dial|appel|numéro|nummer|number|reach|contact)\b[^\d\n]{0,20}$/i;

/** A label says the number is something else: a version, an ISBN, an order number... */
function labelledAsOther(before: string): boolean {
  return THING_LABEL.test(before) || VERSION_LABEL.test(before);
}

function phoneUnlessLabelled(minDigits: number, maxDigits: number) {
  return (match: string, { before }: MatchContext): string => {
    const digits = digitCount(match);
    return digits >= minDigits && digits <= maxDigits && !labelledAsOther(before) ? PHONE : match;
  };
}

/** +CC or 00CC, then up to six groups: 8 to 15 digits after the prefix (E.164). */
const INTERNATIONAL: Rule = {
  pattern: /(?<![\w+.,/-])(?:\+|00(?=[1-9]))\d{1,3}(?:[ .-]?(?:\(\d{1,4}\)|\d{1,5})){1,6}/g,
  replace: (match, { before }) => {
    const digits = digitCount(match.replace(/^00/, ''));
    return digits >= 8 && digits <= 15 && !labelledAsOther(before) ? PHONE : match;
  },
};

/**
 * North American numbers with separators: (202) 555-0143, 202-555-0143, 202.555.0143,
 * 1-800-555-0199. A leading 1 is never dotted (1.202.555.0143 is a version).
 */
const NORTH_AMERICAN: Rule = {
  pattern: /(?<![\w+.@]|\d[ .-])(?:1[ -]?)?(?:\(\d{3}\)[ .-]?|\d{3}[ .-])\d{3}[ .-]\d{4}(?!\w|[ .-]\d)/g,
  replace: phoneUnlessLabelled(10, 11),
};

/** A North American number written without separators (2025550143), where a label announces it. */
const NORTH_AMERICAN_BARE: Rule = {
  pattern: /(?<![\w+.-])1?[2-9]\d{2}[2-9]\d{6}(?![\w]|[.,]\d)/g,
  replace: (match, context) => (PHONE_LABEL.test(context.before) ? phoneUnlessLabelled(10, 11)(match, context) : match),
};

/**
 * National numbers with a trunk 0, as the UK, Germany, France and most of Europe write them:
 * 020 7946 0958, (020) 7946 0958, 07700 900123, 07700900123, 030 1234567, 030/1234567,
 * 0171-1234567. 10 to 12 digits. Groups of two only (01 23 45 67 89) where a label announces
 * a phone number, as a run of small numbers looks the same.
 */
const NATIONAL_TRUNK: Rule = {
  pattern: /(?<![\w+./-]|\d[ .-])(?:\(0[1-9]\d{0,3}\)|0[1-9]\d{0,3})(?: ?[/-] ?| )?\d{2,8}(?:[ -]\d{2,8}){0,3}(?![\w/:-]|[ .-]?\d)/g,
  replace: (match, context) => {
    const pairsOnly = /^\(?0\d\)?(?:[ -]\d\d)+$/.test(match);
    if (pairsOnly && !PHONE_LABEL.test(context.before)) return match;
    return phoneUnlessLabelled(10, 12)(match, context);
  },
};

/** Phone numbers; they run after cards, IBANs and IP addresses, which would otherwise read as phone numbers. */
export const PHONE_RULES: readonly Rule[] = [INTERNATIONAL, NORTH_AMERICAN, NORTH_AMERICAN_BARE, NATIONAL_TRUNK];
