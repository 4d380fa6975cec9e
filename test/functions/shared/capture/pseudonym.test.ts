import { MIN_PSEUDONYM_KEY_LENGTH, Pseudonymizer } from '../../../../functions/shared/capture/pseudonym';

const KEY = 'k'.repeat(32);

describe('Pseudonymizer', () => {
  it('gives an id the same keyed-hash pseudonym every time (HMAC-SHA256, 128 bits in hex)', async () => {
    // Prepare
    const pseudonyms = Pseudonymizer.withKey(KEY);

    // Act
    const first = await pseudonyms.pseudonymize('user', 'jane@example.com');
    const again = await Pseudonymizer.withKey(KEY).pseudonymize('user', 'jane@example.com');

    // Assess
    expect(first).toBe('user_c7aa864c706f8683952181f03b857a77');
    expect(again).toBe(first);
    expect(await pseudonyms.pseudonymize('session', 's-1')).toBe('session_1c59e5398ffb1fd1397dd90e096e0ba3');
  });

  it('gives different pseudonyms to different ids, kinds and keys', async () => {
    // Prepare
    const pseudonyms = Pseudonymizer.withKey(KEY);
    const otherKey = Pseudonymizer.withKey('o'.repeat(32));

    // Act
    const values = [
      await pseudonyms.pseudonymize('user', 'u-1'),
      await pseudonyms.pseudonymize('user', 'u-2'),
      await pseudonyms.pseudonymize('session', 'u-1'),
      await otherKey.pseudonymize('user', 'u-1'),
    ];

    // Assess
    expect(new Set(values).size).toBe(4);
  });

  it('gives each ephemeral pseudonymizer its own random key', async () => {
    // Act
    const [a, b] = [Pseudonymizer.ephemeral(), Pseudonymizer.ephemeral()];

    // Assess
    expect(await a.pseudonymize('user', 'u-1')).toBe(await a.pseudonymize('user', 'u-1'));
    expect(await a.pseudonymize('user', 'u-1')).not.toBe(await b.pseudonymize('user', 'u-1'));
  });

  it('refuses a key too short to keep the pseudonyms secret', () => {
    expect(() => Pseudonymizer.withKey('short')).toThrow(
      `the pseudonym key must be at least ${MIN_PSEUDONYM_KEY_LENGTH} characters (a random secret), got 5`,
    );
  });
});
