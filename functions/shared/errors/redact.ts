/** The longest message a classified error carries (longer provider texts are cut). */
export const MAX_MESSAGE_LENGTH = 500;

const knownSecrets = new Set<string>();

/**
 * Registers a secret (an API key read from Secrets Manager, whatever its format) so that
 * `redactSecrets` removes it from every error message from then on.
 */
export function registerSecret(secret: string): void {
  if (secret.length >= 8) knownSecrets.add(secret);
}

/** Removes API keys and bearer tokens from text that may reach logs or callers. */
export function redactSecrets(text: string): string {
  let redacted = text.replace(/\bsk-[A-Za-z0-9_*.-]{6,}/g, 'sk-***').replace(/(bearer\s+)[^\s"',]+/gi, '$1***');
  const envKey = process.env.OPENAI_API_KEY;
  for (const key of envKey && envKey.length >= 8 ? [envKey, ...knownSecrets] : knownSecrets) redacted = redacted.split(key).join('***');
  return redacted;
}

/** A message fit for logs and callers: secrets redacted, at most MAX_MESSAGE_LENGTH characters. */
export function presentable(message: string): string {
  return redactSecrets(message).slice(0, MAX_MESSAGE_LENGTH);
}
