import { createHmac, randomBytes } from 'node:crypto';

/** Shortest key accepted: a pseudonym is only as hard to reverse as the key is to guess. */
export const MIN_PSEUDONYM_KEY_LENGTH = 32;

/** What an id names; part of the hashed message, so a user and a session with the same id get different pseudonyms. */
export type PseudonymKind = 'user' | 'session';

/** Where the key comes from: a fixed value, Secrets Manager (cached), a random key of this process. */
export type PseudonymKeySource = () => Promise<string>;

/** The pseudonym's hex length: 128 bits of the HMAC-SHA256, ample against collisions. */
const PSEUDONYM_HEX_CHARS = 32;

/**
 * Pseudonymizes user and session ids with a keyed hash (HMAC-SHA256): the same id always
 * gives the same pseudonym under one key, so the samples of one user stay linkable, but
 * without the key nobody can tell whose they are, nor test a guessed id.
 *
 * @example
 * const pseudonyms = Pseudonymizer.withKey(process.env.SAMPLE_PSEUDONYM_KEY!);
 * await pseudonyms.pseudonymize('user', 'jane@example.com'); // 'user_3f1c…' (32 hex digits)
 */
export class Pseudonymizer {
  constructor(private readonly key: PseudonymKeySource) {}

  /** @throws RangeError when the key is shorter than MIN_PSEUDONYM_KEY_LENGTH. */
  static withKey(key: string): Pseudonymizer {
    checkPseudonymKey(key, 'the pseudonym key');
    return new Pseudonymizer(async () => key);
  }

  /** A random key of this process: pseudonyms are stable until it ends, and unlinkable afterwards. */
  static ephemeral(): Pseudonymizer {
    const key = randomBytes(32).toString('base64');
    return new Pseudonymizer(async () => key);
  }

  /** The pseudonym of an id, `<kind>_<32 hex digits>`. */
  async pseudonymize(kind: PseudonymKind, id: string): Promise<string> {
    const key = await this.key();
    const digest = createHmac('sha256', key).update(`${kind}\u0000${id}`).digest('hex');
    return `${kind}_${digest.slice(0, PSEUDONYM_HEX_CHARS)}`;
  }
}

/** @throws RangeError naming `source` when the key is too short to keep pseudonyms secret. */
export function checkPseudonymKey(key: string, source: string): void {
  if (key.length < MIN_PSEUDONYM_KEY_LENGTH) {
    throw new RangeError(`${source} must be at least ${MIN_PSEUDONYM_KEY_LENGTH} characters (a random secret), got ${key.length}`);
  }
}
