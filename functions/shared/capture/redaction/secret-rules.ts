import { ALREADY_REDACTED, REDACTION_MARKERS } from './markers';
import type { Rule } from './rule';

const { key: KEY, privateKey: PRIVATE_KEY, token: TOKEN } = REDACTION_MARKERS;

/**
 * PEM private key blocks (PKCS#1 RSA, PKCS#8, EC, DSA, OpenSSH, encrypted, PGP), with or
 * without their END line (a pasted key is often cut off). The body may hold header lines
 * (Proc-Type, DEK-Info) and literal "\n" escapes of JSON strings.
 */
const PEM_PRIVATE_KEY: Rule = {
  pattern:
    /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[A-Za-z0-9+/=\s:,.\\]|-(?!----))*(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----)?/g,
  replace: () => PRIVATE_KEY,
};

const TOKEN_RULES: readonly Rule[] = [
  {
    // "Bearer <token>": the token must look generated (a digit, or 20+ characters).
    pattern: /\b(bearer\s+)([A-Za-z0-9\-._~+/]{8,}=*)/gi,
    replace: (match, { groups: [prefix, token = ''] }) => (/\d/.test(token) || token.length >= 20 ? `${prefix}${TOKEN}` : match),
  },
  { pattern: /\b(authorization\s*:\s*basic\s+)[A-Za-z0-9+/]{8,}={0,2}/gi, replace: (_match, { groups: [prefix] }) => `${prefix}${TOKEN}` },
  { pattern: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, replace: () => TOKEN },
];

const VENDOR_KEY_RULES: readonly Rule[] = [
  { pattern: /\bsk-[A-Za-z0-9_-]{20,}/g, replace: () => KEY }, // OpenAI (sk-, sk-proj-), Anthropic (sk-ant-)
  { pattern: /\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,}/g, replace: () => KEY }, // Stripe
  { pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, replace: () => KEY }, // AWS access key id
  { pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})/g, replace: () => KEY },
  { pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, replace: () => KEY }, // Slack
  { pattern: /\bAIza[0-9A-Za-z_-]{35}/g, replace: () => KEY }, // Google
];

/** scheme://user:password@host: the password goes. */
const URL_PASSWORD: Rule = {
  pattern: /(\b[a-z][a-z0-9+.-]{0,30}:\/\/[^\s:@/]{1,256}:)([^\s@/]{1,256})(@)/gi,
  replace: (_match, { groups: [head, , at] }) => `${head}${KEY}${at}`,
};

const SECRET_NAME =
  'api[_-]?key|apikey|api[_-]?secret|secret[_-]?(?:access[_-]?)?key|client[_-]?secret|' +
  '(?:access|auth|refresh|id|session)[_-]?token|private[_-]?key|password|passwd|secret|token';

/** Words that say what state a secret is in ("session token: expired"), never a secret. */
const STATUS_WORDS = new Set(
  (
    'expired invalid missing required revoked rotated refreshed reset changed present absent incorrect wrong ' +
    'optional hidden masked redacted unset null none undefined true false empty unknown pending valid active ' +
    'inactive disabled enabled provided generated accepted rejected denied stored saved updated deleted removed ' +
    'created needed unchanged unavailable available configured'
  ).split(' '),
);

/** An already-masked value: ****, xxxxxx, •••••. */
const MASKED = /^[*x•.]+$/i;

/**
 * api_key=..., "password": "...", X-Api-Key: ..., DB_PASSWORD=... : the name stays, the value
 * goes, unless the value is a state ("expired") or already masked.
 */
const NAMED_SECRET: Rule = {
  pattern: new RegExp(
    `((?<![A-Za-z0-9])(?:${SECRET_NAME})["']?\\s*[:=]\\s*)("[^"\\n]{4,512}"|'[^'\\n]{4,512}'|[^\\s"'\`,;&<>]{6,})`,
    'gi',
  ),
  replace: (match, { groups: [head, value = ''] }) => {
    const quote = /^["']/.test(value) ? value[0] : '';
    const bare = (quote ? value.slice(1, -1) : value).replace(/[.!?)]+$/, '');
    if (value.includes(ALREADY_REDACTED) || STATUS_WORDS.has(bare.toLowerCase()) || MASKED.test(bare)) return match;
    return `${head}${quote}${KEY}${quote}`;
  },
};

/**
 * A bare AWS secret access key: exactly 40 characters of the base64 alphabet, mixed the way
 * generated keys are (a git SHA has no upper case; a path or a camelCase name has long
 * same-case runs and few class changes).
 */
const AWS_SECRET_ACCESS_KEY: Rule = {
  pattern: /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
  replace: (match) => (looksGenerated(match) ? KEY : match),
};

/** Fewest changes between upper case, lower case, digit and symbol in 40 random base64 characters (about 24 expected). */
const MIN_CLASS_CHANGES = 14;

function looksGenerated(candidate: string): boolean {
  const count = (pattern: RegExp) => candidate.match(pattern)?.length ?? 0;
  return count(/[A-Z]/g) >= 5 && count(/[a-z]/g) >= 5 && count(/[^A-Za-z]/g) >= 2 && classChanges(candidate) >= MIN_CLASS_CHANGES;
}

function classChanges(text: string): number {
  const classOf = (char: string) => (/[A-Z]/.test(char) ? 'upper' : /[a-z]/.test(char) ? 'lower' : /\d/.test(char) ? 'digit' : 'symbol');
  let changes = 0;
  for (let i = 1; i < text.length; i++) if (classOf(text[i]) !== classOf(text[i - 1])) changes++;
  return changes;
}

/** Secrets, in the order they run: whole blocks first, then tokens, vendor keys, named values. */
export const SECRET_RULES: readonly Rule[] = [
  PEM_PRIVATE_KEY,
  ...TOKEN_RULES,
  ...VENDOR_KEY_RULES,
  URL_PASSWORD,
  NAMED_SECRET,
  AWS_SECRET_ACCESS_KEY,
];
