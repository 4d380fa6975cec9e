/** What the judge needs of a sample item; anything less is a corrupt sample. */
export interface JudgeableSample {
  readonly sampleId: string;
  readonly question: string;
  readonly answer: string;
  /** Epoch ms of the original response. */
  readonly createdAt: number;
  /** The agent model that answered, when recorded. */
  readonly model?: string;
}

/** The outcome of checking a stored sample: usable, or corrupt with the reason. */
export type SampleCheck = { readonly ok: true; readonly sample: JudgeableSample } | { readonly ok: false; readonly reason: string };

/**
 * Checks a sample item as read from the table (it may have been written by any version of
 * the agent, or by hand). A failed check names every problem, for the sample's `failureReason`.
 *
 * @example
 * checkSample({ sampleId: 's1', status: 'pending', createdAt: 1 });
 * // { ok: false, reason: 'sample s1 is incomplete or corrupt: "question" is missing; "answer" is missing' }
 */
export function checkSample(item: Readonly<Record<string, unknown>>): SampleCheck {
  const problems = [
    textProblem(item, 'question'),
    textProblem(item, 'answer'),
    typeof item.createdAt === 'number' && Number.isFinite(item.createdAt) ? undefined : `"createdAt" must be epoch milliseconds, got ${describe(item.createdAt)}`,
    item.model === undefined || typeof item.model === 'string' ? undefined : `"model" must be a string, got ${describe(item.model)}`,
  ].filter((problem): problem is string => problem !== undefined);
  const sampleId = typeof item.sampleId === 'string' ? item.sampleId : String(item.sampleId);
  if (problems.length > 0) return { ok: false, reason: `sample ${sampleId} is incomplete or corrupt: ${problems.join('; ')}` };
  return {
    ok: true,
    sample: {
      sampleId,
      question: item.question as string,
      answer: item.answer as string,
      createdAt: item.createdAt as number,
      ...(typeof item.model === 'string' && { model: item.model }),
    },
  };
}

/**
 * What in a sample item keeps the claim's update from applying, as read from the candidate
 * record; undefined when nothing visible does (DynamoDB's own message then says why).
 *
 * @example
 * claimProblem({ sampleId: 's3', attempts: '2' }); // '"attempts" must be a number, got string "2"'
 */
export function claimProblem(item: Readonly<Record<string, unknown>>): string | undefined {
  const { attempts } = item;
  if (attempts === undefined || typeof attempts === 'number' || typeof attempts === 'bigint') return undefined;
  return `"attempts" must be a number, got ${describe(attempts)}`;
}

function textProblem(item: Readonly<Record<string, unknown>>, field: string): string | undefined {
  const value = item[field];
  if (value === undefined || value === null) return `"${field}" is missing`;
  if (typeof value !== 'string') return `"${field}" must be text, got ${describe(value)}`;
  if (value.trim() === '') return `"${field}" is empty`;
  return undefined;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Uint8Array) return 'binary data';
  if (value instanceof Set) return 'a set';
  if (typeof value === 'object') return 'an object';
  // A number past Number.MAX_SAFE_INTEGER is read as a bigint, which JSON.stringify refuses.
  if (typeof value === 'bigint') return `number ${value}`.slice(0, 80);
  return `${typeof value} ${JSON.stringify(value)}`.slice(0, 80);
}
