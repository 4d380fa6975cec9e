/**
 * Removes personal data and secrets from captured text before it is stored for judging.
 * Each rule is a pattern plus a check that keeps look-alikes (dates, arithmetic, ids that
 * fail the Luhn check) intact; rules run in order, secrets first.
 */

/** What replaces each kind of redacted value. */
export const REDACTION_MARKERS = {
  email: '[REDACTED_EMAIL]',
  phone: '[REDACTED_PHONE]',
  card: '[REDACTED_CARD]',
  key: '[REDACTED_KEY]',
  token: '[REDACTED_TOKEN]',
} as const;

type Replacer = (match: string, ...groups: string[]) => string;

interface Rule {
  readonly pattern: RegExp;
  readonly replace: Replacer;
}

const { email: EMAIL, phone: PHONE, card: CARD, key: KEY, token: TOKEN } = REDACTION_MARKERS;
const ALREADY_REDACTED = '[REDACTED_';
/** Card networks' numbers start with 2-6 (Mastercard 2/5, Amex 3, Visa 4, Discover 6), not epoch-ms 1... */
const CARD_FIRST_DIGIT = /^[2-6]/;

const SECRET_NAME =
  'api[_-]?key|apikey|api[_-]?secret|secret[_-]?(?:access[_-]?)?key|client[_-]?secret|' +
  '(?:access|auth|refresh|id|session)[_-]?token|private[_-]?key|password|passwd|secret|token';

const TOKEN_RULES: readonly Rule[] = [
  {
    // "Bearer <token>": the token must look generated (a digit, or 20+ characters).
    pattern: /\b(bearer\s+)([A-Za-z0-9\-._~+/]{8,}=*)/gi,
    replace: (match, prefix, token) => (/\d/.test(token) || token.length >= 20 ? `${prefix}${TOKEN}` : match),
  },
  { pattern: /\b(authorization\s*:\s*basic\s+)[A-Za-z0-9+/]{8,}={0,2}/gi, replace: (_m, prefix) => `${prefix}${TOKEN}` },
  { pattern: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, replace: () => TOKEN },
];

const KEY_RULES: readonly Rule[] = [
  { pattern: /\bsk-[A-Za-z0-9_-]{20,}/g, replace: () => KEY }, // OpenAI (sk-, sk-proj-), Anthropic (sk-ant-)
  { pattern: /\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,}/g, replace: () => KEY }, // Stripe
  { pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, replace: () => KEY }, // AWS access key id
  { pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})/g, replace: () => KEY },
  { pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, replace: () => KEY }, // Slack
  { pattern: /\bAIza[0-9A-Za-z_-]{35}/g, replace: () => KEY }, // Google
  // scheme://user:password@host
  { pattern: /(\b[a-z][a-z0-9+.-]{0,30}:\/\/[^\s:@/]{1,256}:)([^\s@/]{1,256})(@)/gi, replace: (_m, head, _p, at) => `${head}${KEY}${at}` },
  {
    // api_key=..., "password": "...", X-Api-Key: ..., DB_PASSWORD=... (the name is kept, the value goes)
    pattern: new RegExp(
      `((?<![A-Za-z0-9])(?:${SECRET_NAME})["']?\\s*[:=]\\s*)("[^"\\n]{4,512}"|'[^'\\n]{4,512}'|[^\\s"'\`,;&<>]{6,})`,
      'gi',
    ),
    replace: (match, head, value) => {
      if (value.includes(ALREADY_REDACTED)) return match;
      const quote = /^["']/.test(value) ? value[0] : '';
      return `${head}${quote}${KEY}${quote}`;
    },
  },
];

const EMAIL_RULE: Rule = {
  pattern: /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}\b/g,
  // icon@2x.png is a file name, not an address
  replace: (match) => (/@\d+x\.(?:png|jpe?g|gif|svg|webp)$/i.test(match) ? match : EMAIL),
};

const CARD_RULE: Rule = {
  // Runs of digit groups separated by one space or dash; not part of a decimal or a +phone.
  pattern: /(?<![+\d]|\d[.,])\d+(?:[ -]\d+)*(?!\d)/g,
  replace: redactCardIn,
};

const PHONE_RULES: readonly Rule[] = [
  {
    // International: +CC then up to six groups, 8 to 15 digits in all.
    pattern: /(?<![\w+])\+\d{1,3}(?:[ .-]?(?:\(\d{1,4}\)|\d{1,5})){1,6}/g,
    replace: (match) => {
      const digits = match.replace(/\D/g, '').length;
      return digits >= 8 && digits <= 15 ? PHONE : match;
    },
  },
  {
    // US: (202) 555-0143, 202-555-0143, 202.555.0143, 1-800-555-0199; separators required.
    pattern: /(?<![\w+]|\d[ .-])(?:1[ .-]?)?(?:\(\d{3}\)[ .-]?|\d{3}[ .-])\d{3}[ .-]\d{4}(?!\w|[ .-]\d)/g,
    replace: () => PHONE,
  },
];

const RULES: readonly Rule[] = [...TOKEN_RULES, ...KEY_RULES, EMAIL_RULE, CARD_RULE, ...PHONE_RULES];

/**
 * Replaces e-mail addresses, phone numbers, payment card numbers (Luhn-checked), API keys
 * and secrets, and bearer tokens with markers (REDACTION_MARKERS).
 *
 * @example
 * redact('mail jane@example.com, key sk-proj-abc...') // 'mail [REDACTED_EMAIL], key [REDACTED_KEY]'
 */
export function redact(text: string): string {
  return RULES.reduce((current, rule) => current.replace(rule.pattern, rule.replace as Replacer), text);
}

/** Replaces the longest Luhn-valid 13–19 digit span (first digit 2-6) of whole groups inside a run of digit groups. */
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
    let digits = '';
    for (let last = first; last < groups.length && digits.length < 19; last++) {
      digits += groups[last];
      const fits = digits.length >= 13 && digits.length <= 19 && CARD_FIRST_DIGIT.test(digits);
      if (fits && (!best || digits.length > best.length) && luhnValid(digits)) best = { first, last, length: digits.length };
    }
  }
  return best;
}

/** The Luhn checksum every payment card number satisfies. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
