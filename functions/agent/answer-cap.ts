/**
 * The most an answer may weigh in the reply, as UTF-8 JSON text. Lambda refuses a response
 * over 6 MB; an HTTP caller's reply is the reply serialized twice (the body is a JSON string),
 * which at most doubles it, so a capped answer always fits, with room for the other fields.
 */
export const MAX_ANSWER_BYTES = 1_048_576;

/** A provider answer as served: whole, or cut with a note saying so. */
export interface CappedAnswer {
  readonly text: string;
  readonly truncated: boolean;
}

/** The longest a note can be, so the cut leaves room for it. */
const NOTE_ALLOWANCE_BYTES = 200;

/**
 * Cuts an answer longer than `maxBytes` (measured as its JSON string, UTF-8) and appends a
 * note giving the original size, so the caller knows the text is incomplete.
 *
 * @example
 * capAnswer('x'.repeat(20_000_000)).text.endsWith('[answer cut at 1048576 bytes of 20000002: too long to return]');
 */
export function capAnswer(answer: string, maxBytes: number = MAX_ANSWER_BYTES): CappedAnswer {
  // Six bytes per UTF-16 unit is the most JSON can spend on one (a \uXXXX escape).
  if (answer.length * 6 + 2 <= maxBytes) return { text: answer, truncated: false };
  const bytes = jsonBytes(answer);
  if (bytes <= maxBytes) return { text: answer, truncated: false };
  const kept = answer.slice(0, cutIndex(answer, maxBytes - NOTE_ALLOWANCE_BYTES));
  return { text: `${kept}… [answer cut at ${maxBytes} bytes of ${bytes}: too long to return]`, truncated: true };
}

function jsonBytes(text: string): number {
  return Buffer.byteLength(JSON.stringify(text), 'utf8');
}

/** The length of the longest prefix whose JSON text fits `budget` bytes, never splitting a surrogate pair. */
function cutIndex(text: string, budget: number): number {
  let used = 2;
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    const pair = code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(index + 1));
    const cost = pair ? 4 : unitCost(code);
    if (used + cost > budget) break;
    used += cost;
    index += pair ? 2 : 1;
  }
  return index;
}

function unitCost(code: number): number {
  if (code === 0x22 || code === 0x5c || code === 0x08 || code === 0x0c || code === 0x0a || code === 0x0d || code === 0x09) return 2;
  if (code < 0x20) return 6;
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code >= 0xd800 && code <= 0xdfff) return 6; // a lone surrogate: JSON.stringify escapes it
  return 3;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
