import type { BudgetCounter } from '../shared/budget/budget-counter';
import { isBudgetRefusal } from '../shared/budget/budget-errors';
import { classifyError } from '../shared/errors/classify';
import type { MonitoringLogger } from '../shared/monitoring/with-monitoring';
import { UnclaimableSampleError, type Claim, type RawSample, type SampleClaims } from './claim';
import { InvalidJudgeReplyError, type JudgeResult, type LlmJudge } from './judge-client';
import type { JudgeBudget } from './judge-budget';
import { isProviderSide, type ProviderFailureStreak, type ProviderFailureStreaks } from './provider-outage';
import type { JudgeVersion } from './rubric';
import type { RunSpendCap, RunStop, SpendHold } from './run-controls';
import { checkSample, claimProblem, type JudgeableSample } from './sample-check';
import { scoredStatus } from './keys';
import { scoreAttributes } from './score-store';

/** What became of one candidate sample in a run. */
export type SampleOutcome =
  | { readonly kind: 'scored'; readonly sampleId: string; readonly createdAt: number; readonly overall: number; readonly costUsd: number }
  /**
   * An attempt failed; `final`: the sample is now marked failed, else it is pending again.
   * `uncharged`: the failure was the provider's (an outage, rejected credentials), and the sample keeps its attempts.
   */
  | { readonly kind: 'failed'; readonly sampleId: string; readonly reason: string; readonly final: boolean; readonly costUsd: number; readonly uncharged?: true }
  /** Another run holds the sample, or took it over (after this run paid `costUsd` for a score it could not store). */
  | { readonly kind: 'lost'; readonly sampleId: string; readonly costUsd?: number }
  /** The run stopped (cap, budget, deadline) before judging it: it stays pending. */
  | { readonly kind: 'skipped'; readonly sampleId: string };

/**
 * A judge call failed on the provider's side and the run still holds the sample: whether the
 * failure was part of an outage (the sample keeps its attempts) is known once the run's calls
 * are over, when `settle` moves the sample on.
 */
export interface HeldFailure {
  readonly kind: 'held';
  readonly sampleId: string;
  settle(): Promise<SampleOutcome>;
}

/** What {@link SampleScorer} uses; the run adds its {@link RunControls}. */
export interface SampleScorerDeps {
  readonly claims: SampleClaims;
  readonly judge: Pick<LlmJudge, 'estimateUsd' | 'score'>;
  /** The daily budget shared with the agent; a run reserves from it through a JudgeBudget. */
  readonly budget: BudgetCounter;
  readonly version: JudgeVersion;
  /** The `service` in the scored status. */
  readonly service: string;
  readonly maxAttempts: number;
  /** Consecutive provider-side failures after which a run stops as an outage (JUDGE_MAX_CONSECUTIVE_PROVIDER_FAILURES). */
  readonly maxConsecutiveProviderFailures: number;
  readonly now: () => number;
  readonly logger: MonitoringLogger;
}

/** Provider answers that no retry of the same sample will change. */
const PERMANENT_CATEGORIES = new Set(['bad_request']);
/** Failures of the judge itself, not of the sample: the run stops at once and the sample keeps its attempts. */
const SYSTEMIC_CATEGORIES = new Set(['auth_error']);

/** What the samples of one run share. */
export interface RunControls {
  readonly stop: RunStop;
  readonly cap: RunSpendCap;
  readonly budget: JudgeBudget;
  /** The run's streaks of provider-side failures; one reaching its threshold stops the run. */
  readonly streaks: ProviderFailureStreaks;
  /** Runs a provider call when one of the JUDGE_CONCURRENCY slots is free. */
  readonly providerSlot: <T>(call: () => Promise<T>) => Promise<T>;
  /** Epoch ms after which no new sample is started. */
  readonly deadline?: number;
}

type JudgeCall = { readonly result: JudgeResult } | { readonly error: unknown; readonly costUsd: number } | { readonly stopped: true };

/**
 * Judges one candidate: claim it, check it, reserve its cost in the daily budget, call the
 * judge in a provider slot, store the score, and move the sample on (scored, failed, or
 * pending again). Claims and writes happen outside the provider slots, so the next samples
 * are claimed while the judge answers.
 */
export class SampleScorer {
  constructor(
    private readonly deps: SampleScorerDeps,
    private readonly run: RunControls,
  ) {}

  async score(item: RawSample): Promise<SampleOutcome | HeldFailure> {
    const { sampleId } = item;
    if (this.stopping()) return { kind: 'skipped', sampleId };
    const estimate = this.deps.judge.estimateUsd({ question: String(item.question ?? ''), answer: String(item.answer ?? '') });
    const hold = this.run.cap.tryHold(estimate);
    if (!hold) {
      this.run.stop.stop('the per-run spend cap (JUDGE_MAX_SPEND_USD_PER_RUN) is reached');
      return { kind: 'skipped', sampleId };
    }
    try {
      const claim = await this.deps.claims.claim(sampleId);
      return claim ? await this.judgeClaimed(claim, estimate, hold) : { kind: 'lost', sampleId };
    } catch (error) {
      if (error instanceof UnclaimableSampleError) return this.markUnclaimable(item, error);
      throw error;
    } finally {
      hold.settle(0);
    }
  }

  /** A record every claim would refuse is marked failed at once: retrying it would fail every run and keep it pending. */
  private async markUnclaimable(item: RawSample, error: UnclaimableSampleError): Promise<SampleOutcome> {
    const problem = claimProblem(item);
    const reason = problem ? `sample ${item.sampleId} cannot be claimed: ${problem} (DynamoDB: ${error.dynamoMessage})` : error.message;
    if (!(await this.deps.claims.markUnclaimable(item.sampleId, reason))) return { kind: 'lost', sampleId: item.sampleId };
    this.deps.logger.error('sample marked failed', { sampleId: item.sampleId, reason });
    return { kind: 'failed', sampleId: item.sampleId, reason, final: true, costUsd: 0 };
  }

  private async judgeClaimed(claim: Claim, estimateUsd: number, hold: SpendHold): Promise<SampleOutcome | HeldFailure> {
    if (claim.attempts > this.deps.maxAttempts) {
      const last = typeof claim.item.lastError === 'string' ? claim.item.lastError : 'none recorded';
      return this.markFailed(claim, `claimed ${claim.attempts - 1} times without a result (a judge run crashed or timed out); last error: ${last}`, 0);
    }
    const check = checkSample(claim.item);
    if (!check.ok) return this.markFailed(claim, check.reason, 0);
    if (!(await this.reserve(claim, estimateUsd))) return { kind: 'skipped', sampleId: claim.sampleId };
    const call = await this.run.providerSlot(() => this.callJudge(check.sample));
    const costUsd = 'result' in call ? call.result.costUsd : 'costUsd' in call ? call.costUsd : 0;
    this.run.budget.spend(estimateUsd, costUsd);
    hold.settle(costUsd);
    if ('result' in call) {
      this.run.streaks.answered();
      return this.store(claim, check.sample, call.result);
    }
    if ('error' in call) return this.failAttempt(claim, call.error, costUsd);
    await this.deps.claims.release(claim, { countAttempt: false });
    return { kind: 'skipped', sampleId: claim.sampleId };
  }

  private async callJudge(sample: JudgeableSample): Promise<JudgeCall> {
    if (this.stopping() && this.run.stop.aborted) return { stopped: true };
    try {
      return { result: await this.deps.judge.score(sample) };
    } catch (error) {
      return { error, costUsd: error instanceof InvalidJudgeReplyError ? error.costUsd : 0 };
    }
  }

  private stopping(): boolean {
    if (this.run.deadline !== undefined && this.deps.now() >= this.run.deadline) this.run.stop.abort('the Lambda timeout is near');
    return this.run.stop.reason !== undefined;
  }

  /** Takes the estimate from the daily budget; a refusal stops the run and gives the sample back untouched. */
  private async reserve(claim: Claim, estimateUsd: number): Promise<boolean> {
    try {
      await this.run.budget.acquire(estimateUsd);
      return true;
    } catch (error) {
      if (!isBudgetRefusal(error)) throw error;
      this.run.stop.stop(`the daily budget refused judge spend: ${error.message}`);
      await this.deps.claims.release(claim, { countAttempt: false });
      return false;
    }
  }

  private async store(claim: Claim, sample: JudgeableSample, result: JudgeResult): Promise<SampleOutcome> {
    const { version, service } = this.deps;
    const attributes = scoreAttributes({
      ...result.verdict,
      scoredAt: this.deps.now(),
      judgeModel: version.model,
      rubricVersion: version.rubricVersion,
      rubricHash: version.rubricHash,
      judgeVersion: version.id,
      promptTokens: result.usage.promptTokens,
      completionTokens: result.usage.completionTokens,
      costUsd: result.costUsd,
    });
    const kept = await this.deps.claims.markScored(claim, scoredStatus(service, version.id), attributes);
    if (!kept) {
      this.deps.logger.warn('judge claim expired before the score was stored; the run that took the sample over scores it', { sampleId: claim.sampleId });
      return { kind: 'lost', sampleId: claim.sampleId, costUsd: result.costUsd };
    }
    return { kind: 'scored', sampleId: sample.sampleId, createdAt: sample.createdAt, overall: result.verdict.overall, costUsd: result.costUsd };
  }

  private async failAttempt(claim: Claim, error: unknown, costUsd: number): Promise<SampleOutcome | HeldFailure> {
    const { category, message } = error instanceof InvalidJudgeReplyError ? { category: 'validation_error', message: error.reason } : classifyError(error);
    const reason = `${category}: ${message}`;
    if (!isProviderSide(category)) {
      this.run.streaks.answered();
      if (PERMANENT_CATEGORIES.has(category)) return this.markFailed(claim, `the provider rejected the judge request for this sample: ${reason}`, costUsd);
      return this.chargeAttempt(claim, reason, costUsd);
    }
    const streak = this.run.streaks.failed(reason);
    if (SYSTEMIC_CATEGORIES.has(category)) {
      this.run.stop.abort(`the judge provider refused the credentials (${reason})`);
      return this.releaseUncharged(claim, reason, costUsd);
    }
    return { kind: 'held', sampleId: claim.sampleId, settle: () => this.settleProviderFailure(claim, reason, costUsd, streak) };
  }

  /** A provider-side failure of an outage leaves the sample its attempts; an isolated one is charged. */
  private async settleProviderFailure(claim: Claim, reason: string, costUsd: number, streak: ProviderFailureStreak): Promise<SampleOutcome> {
    return streak.outage ? this.releaseUncharged(claim, reason, costUsd) : this.chargeAttempt(claim, reason, costUsd);
  }

  private async releaseUncharged(claim: Claim, reason: string, costUsd: number): Promise<SampleOutcome> {
    await this.deps.claims.release(claim, { countAttempt: false, reason });
    return { kind: 'failed', sampleId: claim.sampleId, reason, final: false, costUsd, uncharged: true };
  }

  private async chargeAttempt(claim: Claim, reason: string, costUsd: number): Promise<SampleOutcome> {
    if (claim.attempts >= this.deps.maxAttempts) return this.markFailed(claim, `judging failed ${claim.attempts} times; last error: ${reason}`, costUsd);
    await this.deps.claims.release(claim, { countAttempt: true, reason });
    this.deps.logger.warn('judge attempt failed; the sample stays pending', { sampleId: claim.sampleId, attempts: claim.attempts, reason });
    return { kind: 'failed', sampleId: claim.sampleId, reason, final: false, costUsd };
  }

  private async markFailed(claim: Claim, reason: string, costUsd: number): Promise<SampleOutcome> {
    await this.deps.claims.markFailed(claim, reason);
    this.deps.logger.error('sample marked failed', { sampleId: claim.sampleId, attempts: claim.attempts, reason });
    return { kind: 'failed', sampleId: claim.sampleId, reason, final: true, costUsd };
  }
}
