/**
 * Removes personal data and secrets from captured text before it is stored for judging.
 * Each rule (redaction/) is a pattern plus a check that keeps look-alikes intact: dates,
 * versions, ISBNs, runs of small numbers, ids that fail a checksum. Rules run in order:
 * secrets first, then addresses and numbers, phone numbers last.
 */
import { EMAIL_RULE } from './redaction/email-rule';
import { REDACTION_MARKERS, type RedactionKind } from './redaction/markers';
import { NETWORK_RULES } from './redaction/network-rules';
import { NUMBER_RULES } from './redaction/number-rules';
import { PHONE_RULES } from './redaction/phone-rules';
import { applyRule, type Rule } from './redaction/rule';
import { SECRET_RULES } from './redaction/secret-rules';

export { REDACTION_MARKERS, type RedactionKind };
export { luhnValid, ibanValid } from './redaction/checksums';

const RULES: readonly Rule[] = [...SECRET_RULES, EMAIL_RULE, ...NUMBER_RULES, ...NETWORK_RULES, ...PHONE_RULES];

/**
 * Replaces e-mail addresses (international ones too), phone numbers (international, North
 * American, European national forms), payment card numbers (Luhn-checked), IBANs (mod-97
 * checked), US social security numbers, IP addresses, PEM private keys, API keys and
 * secrets, and bearer tokens with markers (REDACTION_MARKERS).
 *
 * @example
 * redact('mail josé@exemple.fr, call 020 7946 0958') // 'mail [REDACTED_EMAIL], call [REDACTED_PHONE]'
 */
export function redact(text: string): string {
  return RULES.reduce(applyRule, text);
}
