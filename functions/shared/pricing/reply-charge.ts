import { isPlausibleUsage, type TokenUsage } from './pricing';

/** One provider reply as the budget sees it: the model that answered and the usage it reported (none when unusable). */
export interface ChargeableReply {
  readonly model: string;
  readonly usage?: TokenUsage;
}

/** What the budget charges against a reply, and how. */
export interface ChargeTerms {
  /** The model the call asked for; priced (a budget over an unpriced model is refused at startup). */
  readonly requestedModel: string;
  /** What is held for the call: its worst case. */
  readonly worstCaseUsd: number;
  /** Prices `usage` as `model`; undefined for a model without a price entry. */
  readonly price: (model: string, usage: TokenUsage) => number | undefined;
}

/** A reply charged at its price, or conservatively with the reason why. */
export type ReplyCharge =
  | { readonly chargedUsd: number; readonly priced: true }
  | { readonly chargedUsd: number; readonly priced: false; readonly reason: string };

/** Why a reply without usable usage is charged its worst case. */
export const UNMEASURED_REASON = 'no usable usage (none reported, or a figure no call could produce)';
/** Why a reply from an unpriced model is charged conservatively. */
export const UNPRICED_REASON = 'the model has no price entry';

/**
 * What the budget guard charges for one reply; never 0 for free, never an absurd figure:
 * - a priced reply with plausible usage at its cost (even past its worst case: the spend is real);
 * - a reply from a model with no price entry (a proxy's own name) at the requested model's price
 *   for its usage, and never less than the call's worst case;
 * - a reply without usable usage (none reported, or a figure `isPlausibleUsage` rejects) at the
 *   call's worst case.
 *
 * @example
 * chargeReply({ model: 'proxy/mini', usage }, { requestedModel: 'gpt-4o-mini', worstCaseUsd: 0.0007, price });
 * // { chargedUsd: 0.0007, priced: false, reason: 'the model has no price entry' }
 */
export function chargeReply(reply: ChargeableReply, terms: ChargeTerms): ReplyCharge {
  const { usage } = reply;
  if (usage === undefined || !isPlausibleUsage(usage)) return { chargedUsd: terms.worstCaseUsd, priced: false, reason: UNMEASURED_REASON };
  const costUsd = terms.price(reply.model, usage);
  if (costUsd !== undefined) return { chargedUsd: costUsd, priced: true };
  const asRequested = terms.price(terms.requestedModel, usage) ?? 0;
  return { chargedUsd: Math.max(terms.worstCaseUsd, asRequested), priced: false, reason: UNPRICED_REASON };
}
