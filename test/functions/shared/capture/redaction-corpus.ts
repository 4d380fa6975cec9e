import type { RedactionKind } from '../../../../functions/shared/capture/redact';

/** Chat text holding personal data or a secret: every value must be gone, replaced by its kind's marker. */
export interface PersonalCase {
  readonly kind: RedactionKind;
  readonly text: string;
  /** What must not survive redaction. */
  readonly values: readonly string[];
}

const RSA_KEY = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
  'VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK',
  '-----END RSA PRIVATE KEY-----',
].join('\n');
const OPENSSH_KEY = [
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
  'QyNTUxOQAAACDL2cB3dT7a9PqZq2kXo1dO8Wv6rXKJtUQhx5fPZ5k7vQAAAJgq0lYuKtJW',
  '-----END OPENSSH PRIVATE KEY-----',
].join('\n');

/** At least 40 cases, every kind the redactor knows. */
export const PERSONAL_CASES: readonly PersonalCase[] = [
  // e-mail, international
  { kind: 'email', text: 'Send the invoice to josé.garcía@exemple.fr please.', values: ['josé.garcía@exemple.fr'] },
  { kind: 'email', text: '我的邮箱是 用户@例子.中国 ，谢谢', values: ['用户@例子.中国'] },
  { kind: 'email', text: 'Пишите на почта@пример.рф в любое время', values: ['почта@пример.рф'] },
  { kind: 'email', text: 'ईमेल: राम@उदाहरण.भारत', values: ['राम@उदाहरण.भारत'] },
  { kind: 'email', text: 'Reach me at müller@bücher.de or info@xn--bcher-kva.de', values: ['müller@bücher.de', 'info@xn--bcher-kva.de'] },
  { kind: 'email', text: 'my work address is jane.doe+billing@mail.eu.example.com', values: ['jane.doe+billing@mail.eu.example.com'] },
  { kind: 'email', text: 'CC: ops-team_2@sub.dept.example.co.uk.', values: ['ops-team_2@sub.dept.example.co.uk'] },
  { kind: 'email', text: 'ALL CAPS: JOHN.SMITH@EXAMPLE.COM', values: ['JOHN.SMITH@EXAMPLE.COM'] },
  // phone numbers: bare, UK, German, 00 prefix, international, North American, French
  { kind: 'phone', text: 'call me on 2025550143 after 5', values: ['2025550143'] },
  { kind: 'phone', text: 'my mobile: 07700900123', values: ['07700900123'] },
  { kind: 'phone', text: 'UK office 020 7946 0958, ask for Sam', values: ['020 7946 0958'] },
  { kind: 'phone', text: 'ring (020) 7946 0958 tomorrow', values: ['7946 0958'] },
  { kind: 'phone', text: 'or my other mobile 07700 900123', values: ['07700 900123'] },
  { kind: 'phone', text: 'Handy 0171 1234567', values: ['0171 1234567'] },
  { kind: 'phone', text: 'Büro: 030/1234567 (Mo-Fr)', values: ['030/1234567'] },
  { kind: 'phone', text: 'Telefon 089 123 456 78', values: ['089 123 456 78'] },
  { kind: 'phone', text: 'from abroad dial 0044 20 7946 0958', values: ['0044 20 7946 0958'] },
  { kind: 'phone', text: 'Ruf an: 0049 30 1234567', values: ['0049 30 1234567'] },
  { kind: 'phone', text: 'Or 00442079460958 without spaces', values: ['00442079460958'] },
  { kind: 'phone', text: 'London +44 (0)20 7946 0958', values: ['7946 0958'] },
  { kind: 'phone', text: 'Signal: +4915112345678', values: ['+4915112345678'] },
  { kind: 'phone', text: 'US: (202) 555-0143', values: ['555-0143'] },
  { kind: 'phone', text: 'toll free 1-800-555-0199', values: ['1-800-555-0199'] },
  { kind: 'phone', text: 'tél : 01 23 45 67 89', values: ['01 23 45 67 89'] },
  { kind: 'phone', text: 'WhatsApp +33 6 12 34 56 78', values: ['6 12 34 56 78'] },
  // payment cards, dotted ones included
  { kind: 'card', text: 'my card is 4111.1111.1111.1111', values: ['4111.1111.1111.1111'] },
  { kind: 'card', text: 'card 5500 0000 0000 0004 exp 11/26', values: ['5500 0000 0000 0004'] },
  { kind: 'card', text: 'amex 3782-822463-10005', values: ['3782-822463-10005'] },
  { kind: 'card', text: 'dotted amex 3782.822463.10005', values: ['3782.822463.10005'] },
  { kind: 'card', text: 'visa 4012888888881881, cvv on the back', values: ['4012888888881881'] },
  // IBANs
  { kind: 'iban', text: 'IBAN DE89 3704 0044 0532 0130 00', values: ['3704 0044 0532 0130'] },
  { kind: 'iban', text: 'pay to GB82WEST12345698765432 by Friday', values: ['GB82WEST12345698765432'] },
  { kind: 'iban', text: 'FR14 2004 1010 0505 0001 3M02 606 is my account', values: ['2004 1010 0505 0001'] },
  { kind: 'iban', text: 'lower case: nl91abna0417164300', values: ['nl91abna0417164300'] },
  // US social security numbers
  { kind: 'ssn', text: 'SSN 123-45-6789', values: ['123-45-6789'] },
  { kind: 'ssn', text: 'my social security number is 078 05 1120', values: ['078 05 1120'] },
  { kind: 'ssn', text: 'ssn: 219099999', values: ['219099999'] },
  // IP addresses
  { kind: 'ip', text: 'my IP is 203.0.113.42.', values: ['203.0.113.42'] },
  { kind: 'ip', text: 'ssh root@198.51.100.7 works', values: ['198.51.100.7'] },
  { kind: 'ip', text: 'login from 2001:db8:85a3::8a2e:370:7334 failed', values: ['2001:db8:85a3::8a2e:370:7334'] },
  { kind: 'ip', text: 'link-local fe80::1ff:fe23:4567:890a%eth0', values: ['fe80::1ff:fe23:4567:890a'] },
  { kind: 'ip', text: 'curl http://[2001:db8::1]:8080/health', values: ['2001:db8::1'] },
  // keys and secrets
  { kind: 'key', text: 'the secret is wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', values: ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'] },
  { kind: 'key', text: 'paste: je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY', values: ['je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY'] },
  { kind: 'key', text: 'OPENAI_API_KEY=sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z', values: ['sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z'] },
  { kind: 'key', text: 'token ghp_1234567890abcdefghijklmnopqrstuvwxyz', values: ['ghp_1234567890abcdefghijklmnopqrstuvwxyz'] },
  { kind: 'key', text: '{"password": "hunter2!"}', values: ['hunter2!'] },
  { kind: 'key', text: 'postgres://admin:s3cr3t@db.internal:5432/app', values: ['s3cr3t'] },
  { kind: 'key', text: 'session_token=9f8e7d6c5b4a3f2e', values: ['9f8e7d6c5b4a3f2e'] },
  // private keys
  { kind: 'privateKey', text: `here is my key:\n${RSA_KEY}\nwhy does it fail?`, values: ['MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun'] },
  { kind: 'privateKey', text: `${OPENSSH_KEY}\n`, values: ['QyNTUxOQAAACDL2cB3dT7a9PqZq2kXo1dO8Wv6rXKJtUQhx5fPZ5k7vQAAAJgq0lYuKtJW'] },
  {
    kind: 'privateKey',
    text: 'cut off: -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7',
    values: ['MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7'],
  },
  {
    kind: 'privateKey',
    text: '{"key": "-----BEGIN EC PRIVATE KEY-----\\nMHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oPW1dD8IYBdsoAoGCCqGSM49\\n-----END EC PRIVATE KEY-----\\n"}',
    values: ['MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oPW1dD8IYBdsoAoGCCqGSM49'],
  },
  // tokens
  { kind: 'token', text: 'Authorization: Bearer abc123.def456-ghi', values: ['abc123.def456-ghi'] },
  {
    kind: 'token',
    text: 'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    values: ['eyJzdWIiOiIxMjM0NTY3ODkwIn0'],
  },
  { kind: 'token', text: 'Authorization: Basic dXNlcjpwYXNzd29yZA==', values: ['dXNlcjpwYXNzd29yZA=='] },
];

/** Chat text with no personal data, full of what looks like it: it must come out unchanged. */
export const CLEAN_CASES: readonly string[] = [
  // dates and times, in any common form
  'The meeting is on 2024-01-15.',
  'Due 01/15/2024, or 15/01/2024 in Europe.',
  'Termin am 15.01.2024 um 14:30 Uhr.',
  'Moved to 05.12.2023 14:00, then 05-12-2023 16:00.',
  'Jan 15, 2024 or 15 January 2024 or 2024/01/15.',
  'Compact form 20240115, ISO week 2024-W03, Q3 2024.',
  'Logged at 2024-01-15T10:30:00Z and 2024-01-15 10:30:00+01:00.',
  'Date: Mon, 15 Jan 2024 10:30:00 GMT',
  'Deadline 2023-12-31T23:59:59.999+05:30, short form 1/5/24.',
  'Times 10:30:00, 23:59 and 07:45:12.',
  // epoch timestamps
  'Epoch seconds 1700000000, ms 1700000000000.',
  'created_at: 1705312200.123, in microseconds 1705312200123456',
  // UUIDs and hashes
  'Request 550e8400-e29b-41d4-a716-446655440000 failed.',
  'id 123e4567-e89b-12d3-a456-026614174000 and 9C5B94B1-35AD-49BB-B118-8E8FC24ABF80',
  'commit 9fceb02d0ae598e95dc970b74767f19372d61af8',
  'sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  // ISBNs
  'ISBN 978-3-16-148410-0 is on page 250.',
  'ISBN 0-306-40615-2, also ISBN-10: 0306406152 and 9780306406157.',
  // version strings
  'Upgrade from v1.2.3 to v10.0.0.1 tonight.',
  'It broke in version 1.202.555.0143 of the SDK.',
  'Upgrade to 1.100.200.3000 fixes it.',
  'release 2.4.1.0, python==3.11.4, node v20.11.1',
  'Chrome 120.0.6099.109 on Windows 10.0.19045',
  'semver 1.0.0+20130313144700 and v1.2.3-rc.4+build.5678',
  'Kubernetes v1.28.3-eks-2.0 runs fine.',
  // prices
  'It costs $1,299.99 or € 1.299,00 or 1 299,00 €.',
  'Revenue grew 15% to USD 2,500,000 in 2023.',
  'Tickets are £12.50 each, 3 for £30.',
  // order ids
  'Order ORD-2024-000123 shipped; order #48213 did not.',
  'PO-4500012345, ticket #100234567, invoice 2025550143.',
  'Order no. 0612345678 is late.',
  'Tracking 1Z999AA10123456784 via UPS.',
  // runs of small numbers
  'Seats 12 34 56 78 90 12 34 56 are free.',
  'Lottery: 4 8 15 16 23 42',
  'Rows 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15',
  'Every 7 days: 07 14 21 28',
  'Scores 42 17 33 08 21 45 19 this week.',
  'Steps 10-20-30-40-50-60-70.',
  'Multiply 3 x 7 = 21, 21 x 4 = 84.',
  'Pi is 3.14159265358979, sqrt(2) is 1.4142135623730950.',
  // words that name secrets or phones, without one
  'session token: expired',
  'Your password: ******** was changed.',
  'The token is invalid, log in again.',
  'Call the function twice; call me at 5 pm.',
  'Mention @jane on Slack and see icon@2x.png.',
  'Use std::vector<int> and a::b in C++.',
  'Coordinates 48.8566, 2.3522; 21.5 °C; 1920x1080 screen; HTTP 404 on port 8080.',
];
