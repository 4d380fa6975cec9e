import { REDACTION_MARKERS } from './markers';
import type { Rule } from './rule';

const LETTER_OR_DIGIT = String.raw`\p{L}\p{M}\p{N}`;
const LOCAL_CHAR = `[${LETTER_OR_DIGIT}._%+\\-]`;
const LABEL = `[${LETTER_OR_DIGIT}](?:[${LETTER_OR_DIGIT}\\-]{0,61}[${LETTER_OR_DIGIT}])?`;
/** A top-level domain: letters (com, fr, 中国, рф) or an IDNA A-label (xn--fiqs8s). */
const TLD = String.raw`(?:xn--[a-z0-9-]{2,59}|\p{L}[\p{L}\p{M}]{1,23})`;

/**
 * E-mail addresses, international ones included: Unicode local parts and domains
 * (josé@exemple.fr, 用户@例子.中国), plus-addressing, subdomains, punycode domains.
 */
export const EMAIL_RULE: Rule = {
  pattern: new RegExp(`(?<!${LOCAL_CHAR})${LOCAL_CHAR}{1,64}@(?:${LABEL}\\.){1,8}${TLD}(?![${LETTER_OR_DIGIT}\\-])`, 'gu'),
  // icon@2x.png is a file name, not an address
  replace: (match) => (/@\d+x\.(?:png|jpe?g|gif|svg|webp)$/i.test(match) ? match : REDACTION_MARKERS.email),
};
