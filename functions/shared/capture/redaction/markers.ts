/** What replaces each kind of redacted value. */
export const REDACTION_MARKERS = {
  email: '[REDACTED_EMAIL]',
  phone: '[REDACTED_PHONE]',
  card: '[REDACTED_CARD]',
  iban: '[REDACTED_IBAN]',
  ssn: '[REDACTED_SSN]',
  ip: '[REDACTED_IP]',
  key: '[REDACTED_KEY]',
  privateKey: '[REDACTED_PRIVATE_KEY]',
  token: '[REDACTED_TOKEN]',
} as const;

/** The kinds of value the redactor removes. */
export type RedactionKind = keyof typeof REDACTION_MARKERS;

/** The start every marker shares: a value holding it was already redacted. */
export const ALREADY_REDACTED = '[REDACTED_';
