import { luhnValid, redact } from '../../../../functions/shared/capture/redact';

describe('redact', () => {
  describe('e-mail addresses', () => {
    it.each([
      ['write to jane.doe@example.com today', 'write to [REDACTED_EMAIL] today'],
      ['<first+tag@mail.co.uk>', '<[REDACTED_EMAIL]>'],
      ['Contact: ops_team-1@sub.example-corp.io.', 'Contact: [REDACTED_EMAIL].'],
      ['two: a@b.fr, c@d.de', 'two: [REDACTED_EMAIL], [REDACTED_EMAIL]'],
    ])('redacts %p', (input, expected) => {
      expect(redact(input)).toBe(expected);
    });
  });

  describe('phone numbers', () => {
    it.each([
      ['call +1 202 555 0143 now', 'call [REDACTED_PHONE] now'],
      ['+44 20 7946 0958', '[REDACTED_PHONE]'],
      ['tel:+33-1-23-45-67-89', 'tel:[REDACTED_PHONE]'],
      ['Berlin office +49 (0)30 1234567', 'Berlin office [REDACTED_PHONE]'],
      ['+14155552671', '[REDACTED_PHONE]'],
      ['+86 138 0013 8000', '[REDACTED_PHONE]'],
      ['(202) 555-0143', '[REDACTED_PHONE]'],
      ['my cell is 202-555-0143.', 'my cell is [REDACTED_PHONE].'],
      ['202.555.0143', '[REDACTED_PHONE]'],
      ['202 555 0143', '[REDACTED_PHONE]'],
      ['toll free 1-800-555-0199', 'toll free [REDACTED_PHONE]'],
      ['1 (800) 555-0199', '[REDACTED_PHONE]'],
    ])('redacts %p', (input, expected) => {
      expect(redact(input)).toBe(expected);
    });
  });

  describe('payment cards', () => {
    it.each([
      ['card 4111 1111 1111 1111 exp 12/27', 'card [REDACTED_CARD] exp 12/27'],
      ['4111-1111-1111-1111', '[REDACTED_CARD]'],
      ['5500000000000004', '[REDACTED_CARD]'],
      ['amex 3782 822463 10005', 'amex [REDACTED_CARD]'],
      ['visa 4012888888881881 and 2 more', 'visa [REDACTED_CARD] and 2 more'],
      ['4111111111111111 1', '[REDACTED_CARD] 1'],
      ['6011 0009 9013 9424', '[REDACTED_CARD]'],
    ])('redacts %p', (input, expected) => {
      expect(redact(input)).toBe(expected);
    });

    it('checks the Luhn sum', () => {
      expect(luhnValid('4111111111111111')).toBe(true);
      expect(luhnValid('4111111111111112')).toBe(false);
    });
  });

  describe('API keys and secrets', () => {
    it.each([
      ['key sk-abcdefghijklmnopqrstuvwxyz0123456789', 'key [REDACTED_KEY]'],
      ['OPENAI_API_KEY=sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z', 'OPENAI_API_KEY=[REDACTED_KEY]'],
      ['sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWx', '[REDACTED_KEY]'],
      ['aws AKIAIOSFODNN7EXAMPLE here', 'aws [REDACTED_KEY] here'],
      ['sk_live_4eC39HqLyjWDarjtT1zdp7dc', '[REDACTED_KEY]'],
      ['ghp_1234567890abcdefghijklmnopqrstuvwxyz', '[REDACTED_KEY]'],
      ['api_key=abc123def456', 'api_key=[REDACTED_KEY]'],
      ['https://api.example.com/v1?apikey=Zx9Yw8Vu7T&page=2', 'https://api.example.com/v1?apikey=[REDACTED_KEY]&page=2'],
      ['{"api_key": "abc123def456", "n": 1}', '{"api_key": "[REDACTED_KEY]", "n": 1}'],
      ['X-Api-Key: 9f8e7d6c5b4a', 'X-Api-Key: [REDACTED_KEY]'],
      ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'aws_secret_access_key = [REDACTED_KEY]'],
      ["password: 'correct horse battery'", "password: '[REDACTED_KEY]'"],
      ['DB_PASSWORD=hunter22', 'DB_PASSWORD=[REDACTED_KEY]'],
      ['postgres://admin:s3cr3t@db.internal:5432/app', 'postgres://admin:[REDACTED_KEY]@db.internal:5432/app'],
    ])('redacts %p', (input, expected) => {
      expect(redact(input)).toBe(expected);
    });
  });

  describe('bearer tokens', () => {
    it.each([
      ['Authorization: Bearer abc123.def456-ghi', 'Authorization: Bearer [REDACTED_TOKEN]'],
      ['curl -H "authorization: bearer ya29.A0ARrdaM-x_Yz"', 'curl -H "authorization: bearer [REDACTED_TOKEN]"'],
      ['Bearer abcdefghijklmnopqrstuvwxyz', 'Bearer [REDACTED_TOKEN]'],
      [
        'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
        'token [REDACTED_TOKEN]',
      ],
      ['Authorization: Basic dXNlcjpwYXNzd29yZA==', 'Authorization: Basic [REDACTED_TOKEN]'],
    ])('redacts %p', (input, expected) => {
      expect(redact(input)).toBe(expected);
    });
  });

  describe('look-alikes that must stay', () => {
    it.each([
      'What is 12*7? It is 84.',
      'Meeting on 2024-01-15 at 10:30, or 01/15/2024, or 15.01.2024.',
      'The total is 1234 USD for 56 items; add 3 + 4 = 7.',
      'Order 42 shipped; tracking 123456.',
      'Server 192.168.1.10 runs version 1.2.3 of the app.',
      'ISBN 978-3-16-148410-0 is on page 250.',
      'Pi is 3.14159265358979323846.',
      'The epoch-ms timestamp 1700000000000 and 4111 1111 1111 1112 (bad checksum).',
      'The bearer of bad news said: take the task-management course.',
      'Use max_tokens=1024 and prompt_tokens: 512; tokens: 1500 in all.',
      'The secret to good bread is time. Passwords should be long.',
      'Mention @jane on Slack and see icon@2x.png for the logo.',
      'Use scikit-learn (sklearn) or the sk-learn alias.',
      'Prices ranged from 100-200 USD, 5 to 10 percent.',
      'AKIA is a prefix; so is ASIA.',
      'Revenue grew 15% to $2,500,000 in 2023.',
    ])('keeps %p', (input) => {
      expect(redact(input)).toBe(input);
    });
  });

  it('redacts everything in a mixed text and leaves the rest', () => {
    // Prepare
    const text =
      'Hi, I am Jane (jane@corp.com, +1 415 555 2671). Card 4242 4242 4242 4242. ' +
      'My key is sk-proj-Zz1Yy2Xx3Ww4Vv5Uu6Tt7Ss8. What is 12*7?';

    // Act
    const redacted = redact(text);

    // Assess
    expect(redacted).toBe(
      'Hi, I am Jane ([REDACTED_EMAIL], [REDACTED_PHONE]). Card [REDACTED_CARD]. ' +
        'My key is [REDACTED_KEY]. What is 12*7?',
    );
  });

  it('is idempotent', () => {
    const once = redact('api_key=abc123def456 jane@x.io 4111 1111 1111 1111 +44 20 7946 0958');
    expect(redact(once)).toBe(once);
  });

  it.each([
    ['a long snake_case identifier', `${'a_'.repeat(50_000)}token`],
    ['a dotted word run before an @', `${'a.'.repeat(50_000)}@`],
    ['a dash-separated digit run', '1-'.repeat(50_000)],
    ['unclosed quoted secrets', 'password: "abcd '.repeat(10_000)],
  ])('stays fast on %s (no catastrophic backtracking)', (_name, text) => {
    // Act
    const started = Date.now();
    redact(text);

    // Assess
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
