import { isIPv6 } from 'node:net';
import { REDACTION_MARKERS } from './markers';
import { VERSION_LABEL, type Rule } from './rule';

const IP = REDACTION_MARKERS.ip;
const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;

/** IPv4 addresses, except a four-part version (v1.2.3.4, "version 2.4.1.0", pkg==1.2.3.4). */
const IPV4: Rule = {
  pattern: new RegExp(String.raw`(?<![\w.=~^])${OCTET}(?:\.${OCTET}){3}(?!\w|\.\d)`, 'g'),
  replace: (match, { before }) => (VERSION_LABEL.test(before) ? match : IP),
};

/**
 * IPv6 addresses (2001:db8::8a2e:370:7334, fe80::1, ::1), checked by Node.js; a time
 * (10:30:00) or a MAC address is not one.
 */
const IPV6: Rule = {
  pattern: /(?<![\w:])(?=[0-9A-Fa-f]*:[0-9A-Fa-f]*:)[0-9A-Fa-f:]{2,39}(?![\w:])/g,
  replace: (match) => (/\d/.test(match) && isIPv6(match) ? IP : match),
};

/** IP addresses; they run before phone numbers (202.555.0143 is not an address, 10.20.30.40 is). */
export const NETWORK_RULES: readonly Rule[] = [IPV4, IPV6];
