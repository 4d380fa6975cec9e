import { ibanValid, luhnValid, redact } from '../../../../functions/shared/capture/redact';

function expectRedactions(cases: readonly (readonly [string, string])[]): void {
  it.each(cases)('redacts %p', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });
}

function expectKept(texts: readonly string[]): void {
  it.each(texts)('keeps %p', (input) => {
    expect(redact(input)).toBe(input);
  });
}

describe('redact: personal data', () => {
  describe('e-mail addresses', () => {
    expectRedactions([
      ['write to jane.doe@example.com today', 'write to [REDACTED_EMAIL] today'],
      ['<first+tag@mail.co.uk>', '<[REDACTED_EMAIL]>'],
      ['Contact: ops_team-1@sub.example-corp.io.', 'Contact: [REDACTED_EMAIL].'],
      ['two: a@b.fr, c@d.de', 'two: [REDACTED_EMAIL], [REDACTED_EMAIL]'],
      ['écrivez à josé@exemple.fr', 'écrivez à [REDACTED_EMAIL]'],
      ['邮箱 用户@例子.中国', '邮箱 [REDACTED_EMAIL]'],
      ['punycode info@xn--bcher-kva.de', 'punycode [REDACTED_EMAIL]'],
    ]);
    expectKept(['Mention @jane on Slack and see icon@2x.png for the logo.', 'ping jane@localhost']);
  });

  describe('phone numbers', () => {
    expectRedactions([
      ['call +1 202 555 0143 now', 'call [REDACTED_PHONE] now'],
      ['+44 20 7946 0958', '[REDACTED_PHONE]'],
      ['tel:+33-1-23-45-67-89', 'tel:[REDACTED_PHONE]'],
      ['Berlin office +49 (0)30 1234567', 'Berlin office [REDACTED_PHONE]'],
      ['+14155552671', '[REDACTED_PHONE]'],
      ['(202) 555-0143', '[REDACTED_PHONE]'],
      ['my cell is 202-555-0143.', 'my cell is [REDACTED_PHONE].'],
      ['202.555.0143', '[REDACTED_PHONE]'],
      ['toll free 1-800-555-0199', 'toll free [REDACTED_PHONE]'],
      ['1 (800) 555-0199', '[REDACTED_PHONE]'],
      ['call me on 2025550143', 'call me on [REDACTED_PHONE]'],
      ['UK 020 7946 0958 or (020) 7946 0958', 'UK [REDACTED_PHONE] or [REDACTED_PHONE]'],
      ['mobile 07700 900123, 07700900123', 'mobile [REDACTED_PHONE], [REDACTED_PHONE]'],
      ['Handy 0171 1234567, Büro 030/1234567, 089 123 456 78', 'Handy [REDACTED_PHONE], Büro [REDACTED_PHONE], [REDACTED_PHONE]'],
      ['0044 20 7946 0958 and 00491711234567', '[REDACTED_PHONE] and [REDACTED_PHONE]'],
      ['tél : 01 23 45 67 89', 'tél : [REDACTED_PHONE]'],
    ]);
    expectKept([
      // a version string once read as a phone number (issue #10)
      'It broke in version 1.202.555.0143 of the SDK.',
      'Upgrade to 1.100.200.3000 fixes it.',
      'Seen 05.12.2023 14:00 and 05-12-2023 16:00.',
      'Bare numbers without a label: 2025550143, epoch 1700000000.',
      'Pairs without a label: 04 11 23 35 42.',
      'ISBN-10: 0306406152, invoice 2025550143, order #0044207946.',
    ]);
  });

  describe('payment cards', () => {
    expectRedactions([
      ['card 4111 1111 1111 1111 exp 12/27', 'card [REDACTED_CARD] exp 12/27'],
      ['4111-1111-1111-1111', '[REDACTED_CARD]'],
      ['5500000000000004', '[REDACTED_CARD]'],
      ['amex 3782 822463 10005', 'amex [REDACTED_CARD]'],
      ['visa 4012888888881881 and 2 more', 'visa [REDACTED_CARD] and 2 more'],
      ['4111111111111111 1', '[REDACTED_CARD] 1'],
      ['6011 0009 9013 9424', '[REDACTED_CARD]'],
      ['4111.1111.1111.1111 and 3782.822463.10005', '[REDACTED_CARD] and [REDACTED_CARD]'],
    ]);
    expectKept([
      // a Luhn-valid run of unrelated 2-digit numbers (issue #10)
      'Seats 12 34 56 78 90 12 34 56 are free.',
      'The epoch-ms timestamp 1700000000000 and 4111 1111 1111 1112 (bad checksum).',
      'sqrt(2) is 1.4142135623730950, 4111.1111.1111.1112 fails Luhn.',
    ]);

    it('checks the Luhn sum', () => {
      expect(luhnValid('4111111111111111')).toBe(true);
      expect(luhnValid('4111111111111112')).toBe(false);
    });
  });

  describe('IBANs', () => {
    expectRedactions([
      ['IBAN DE89 3704 0044 0532 0130 00.', 'IBAN [REDACTED_IBAN].'],
      ['GB82WEST12345698765432', '[REDACTED_IBAN]'],
      ['FR14 2004 1010 0505 0001 3M02 606 OK', '[REDACTED_IBAN] OK'],
      ['nl91abna0417164300', '[REDACTED_IBAN]'],
    ]);
    expectKept(['GB82 WEST 1234 5698 7654 33 fails the check.']);

    it('checks mod 97', () => {
      expect(ibanValid('DE89370400440532013000')).toBe(true);
      expect(ibanValid('DE89370400440532013001')).toBe(false);
    });
  });

  describe('US social security numbers', () => {
    expectRedactions([
      ['SSN 123-45-6789', 'SSN [REDACTED_SSN]'],
      ['my social security number is 078 05 1120', 'my social security number is [REDACTED_SSN]'],
      ['ssn: 219099999', 'ssn: [REDACTED_SSN]'],
    ]);
    expectKept(['Never issued: 000-12-3456, 666-12-3456, 912-34-5678.', 'Invoice 123-45-6789; 123 45 6789 unlabelled.']);
  });

  describe('IP addresses', () => {
    expectRedactions([
      ['Server 192.168.1.10 runs version 1.2.3 of the app.', 'Server [REDACTED_IP] runs version 1.2.3 of the app.'],
      ['from 203.0.113.42.', 'from [REDACTED_IP].'],
      ['ssh root@198.51.100.7', 'ssh root@[REDACTED_IP]'],
      ['2001:db8:85a3::8a2e:370:7334 and ::1', '[REDACTED_IP] and [REDACTED_IP]'],
      ['http://[2001:db8::1]:8080/', 'http://[[REDACTED_IP]]:8080/'],
    ]);
    expectKept(['version 2.4.1.0, v10.0.0.1, python==3.11.4.1', 'At 10:30:00; std::vector; MAC 00:1A:2B:3C:4D:5E; 300.1.2.3']);
  });

  describe('look-alikes that must stay', () => {
    expectKept([
      'What is 12*7? It is 84.',
      'Meeting on 2024-01-15 at 10:30, or 01/15/2024, or 15.01.2024.',
      'The total is 1234 USD for 56 items; add 3 + 4 = 7.',
      'Order 42 shipped; tracking 123456.',
      'ISBN 978-3-16-148410-0 is on page 250.',
      'Pi is 3.14159265358979323846.',
      'Prices ranged from 100-200 USD, 5 to 10 percent.',
      'Revenue grew 15% to $2,500,000 in 2023.',
      'Request 550e8400-e29b-41d4-a716-446655440000 and id 123e4567-e89b-12d3-a456-026614174000.',
    ]);
  });

  it('redacts everything in a mixed text and leaves the rest', () => {
    // Prepare
    const text =
      'Hi, I am Jane (jane@corp.com, +1 415 555 2671). Card 4242 4242 4242 4242. ' +
      'My key is sk-proj-Zz1Yy2Xx3Ww4Vv5Uu6Tt7Ss8. IBAN GB82WEST12345698765432 from 203.0.113.9. What is 12*7?';

    // Act
    const redacted = redact(text);

    // Assess
    expect(redacted).toBe(
      'Hi, I am Jane ([REDACTED_EMAIL], [REDACTED_PHONE]). Card [REDACTED_CARD]. ' +
        'My key is [REDACTED_KEY]. IBAN [REDACTED_IBAN] from [REDACTED_IP]. What is 12*7?',
    );
  });
});
