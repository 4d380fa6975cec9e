import { redact } from '../../../../functions/shared/capture/redact';

describe('redact: secrets', () => {
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
      ['the secret is wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY.', 'the secret is [REDACTED_KEY].'],
      ["password: 'correct horse battery'", "password: '[REDACTED_KEY]'"],
      ['DB_PASSWORD=hunter22', 'DB_PASSWORD=[REDACTED_KEY]'],
      ['password: letmein', 'password: [REDACTED_KEY]'],
      ['postgres://admin:s3cr3t@db.internal:5432/app', 'postgres://admin:[REDACTED_KEY]@db.internal:5432/app'],
    ])('redacts %p', (input, expected) => {
      expect(redact(input)).toBe(expected);
    });

    it.each([
      // a state, not a secret (issue #10)
      'session token: expired',
      'Password: ******** (unchanged); api_key: "missing"; token=invalid.',
      'commit 9fceb02d0ae598e95dc970b74767f19372d61af8',
      'path docs/runbooks/alarms/ErrorRateIs2High and getUserProfileByIdAndOrganization2Handle',
      'Use max_tokens=1024 and prompt_tokens: 512; tokens: 1500 in all.',
      'The secret to good bread is time. Passwords should be long.',
      'Use scikit-learn (sklearn) or the sk-learn alias.',
      'AKIA is a prefix; so is ASIA.',
    ])('keeps %p', (input) => {
      expect(redact(input)).toBe(input);
    });
  });

  describe('PEM private keys', () => {
    it.each([
      ['RSA', 'a\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1L\nfVLPHCozMx==\n-----END RSA PRIVATE KEY-----\nb', 'a\n[REDACTED_PRIVATE_KEY]\nb'],
      ['OpenSSH', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----', '[REDACTED_PRIVATE_KEY]'],
      [
        'encrypted, with headers',
        '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,3F17F5316E2BAC89\n\nxyz+/=\n-----END RSA PRIVATE KEY----- ok',
        '[REDACTED_PRIVATE_KEY] ok',
      ],
      ['cut off', 'key: -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC', 'key: [REDACTED_PRIVATE_KEY]'],
      ['in a JSON string', '"-----BEGIN EC PRIVATE KEY-----\\nMHcCAQEEIBkg\\n-----END EC PRIVATE KEY-----"', '"[REDACTED_PRIVATE_KEY]"'],
    ])('redacts a %s block', (_name, input, expected) => {
      expect(redact(input)).toBe(expected);
    });

    it('keeps a public key', () => {
      const text = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----';
      expect(redact(text)).toBe(text);
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

    it('keeps "bearer" as a word', () => {
      const text = 'The bearer of bad news said: take the task-management course.';
      expect(redact(text)).toBe(text);
    });
  });
});

describe('redact: robustness', () => {
  it('is idempotent', () => {
    const once = redact('api_key=abc123def456 jane@x.io 4111 1111 1111 1111 +44 20 7946 0958 DE89370400440532013000 10.0.0.1');
    expect(redact(once)).toBe(once);
  });

  it.each([
    ['a long snake_case identifier', `${'a_'.repeat(50_000)}token`],
    ['a dotted word run before an @', `${'a.'.repeat(50_000)}@`],
    ['a Unicode word run before an @', `${'é'.repeat(100_000)}@`],
    ['a dash-separated digit run', '1-'.repeat(50_000)],
    ['a run of four-digit groups', '4111 '.repeat(40_000)],
    ['a space-separated run of zero-led pairs', '01 '.repeat(50_000)],
    ['a colon-separated hex run', 'a1:'.repeat(50_000)],
    ['a dotted digit run', '1.'.repeat(50_000)],
    ['a base64 run', 'Ab1/'.repeat(50_000)],
    ['unclosed quoted secrets', 'password: "abcd '.repeat(10_000)],
    ['unclosed private key blocks', '-----BEGIN PRIVATE KEY-----\nMIIE abc '.repeat(10_000)],
    ['upper-case groups after a country code', `DE89 ${'ABCD '.repeat(50_000)}`],
  ])('stays fast on %s (no catastrophic backtracking)', (_name, text) => {
    // Act
    const started = Date.now();
    redact(text);

    // Assess
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
