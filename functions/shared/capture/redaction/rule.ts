/** The text around a match, for rules whose decision depends on what the value is called. */
export interface MatchContext {
  /** The pattern's capture groups (undefined when a group did not take part). */
  readonly groups: readonly (string | undefined)[];
  /** Up to CONTEXT_CHARS characters before the match. */
  readonly before: string;
}

/** One kind of value: a pattern, and what a match becomes (the match itself to keep it). */
export interface Rule {
  readonly pattern: RegExp;
  readonly replace: (match: string, context: MatchContext) => string;
}

/** How much text before a match a rule may read (labels like "ISBN", "call me on"). */
export const CONTEXT_CHARS = 40;

/** Applies one rule to every match in the text. */
export function applyRule(text: string, rule: Rule): string {
  return text.replace(rule.pattern, (match: string, ...rest: unknown[]) => {
    const offsetAt = rest.findIndex((value) => typeof value === 'number');
    const offset = rest[offsetAt] as number;
    const groups = rest.slice(0, offsetAt) as (string | undefined)[];
    return rule.replace(match, { groups, before: text.slice(Math.max(0, offset - CONTEXT_CHARS), offset) });
  });
}

/** The number of decimal digits in a text. */
export function digitCount(text: string): number {
  return text.replace(/\D/g, '').length;
}

/** A label right before a number saying it is a version, not an address or a phone number. */
export const VERSION_LABEL = /(?:\bv|\bversions?|\bver\.?|\breleases?|\bbuild|\bupgrade to|\bupdate to|==|~|\^)\s*$/i;

/** A label right before a number saying it is an identifier of a thing, not of a person. */
export const THING_LABEL =
  /(?:\bisbn(?:-1[03])?|\bissn|\border|\binvoice|\bref(?:erence)?|\btracking|\bticket|\bcase|\bpo|\bsku|\bbatch|\blot|\bserial|\bpart|\bid)\s*(?:#|no\.?|number|nr\.?|:)?\s*:?\s*$|#\s*$/i;
