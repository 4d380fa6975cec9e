import { isSeverity, type Severity } from './alert';

/** `CRITICAL - Error rate over 5 %. ...` (the alarm catalog's descriptions) or `Severity: critical`. */
const SEVERITY_PATTERNS = [/^\s*(critical|warning|info)\s+-\s/i, /\bseverity\s*:\s*(critical|warning|info)\b/i];
/** `Runbook: <url or repository path>`. */
const RUNBOOK_PATTERN = /\brunbook\s*:\s*([^\s<>"|]+)/i;
const TRAILING_PUNCTUATION = /[.,;:)\]]+$/;

/** The severity an alarm description declares, if any. */
export function declaredSeverity(text: string | undefined): Severity | undefined {
  for (const pattern of SEVERITY_PATTERNS) {
    const level = text?.match(pattern)?.[1]?.toLowerCase();
    if (isSeverity(level)) return level;
  }
  return undefined;
}

/** The runbook an alarm description links (`Runbook: <link>`), if any: a URL or a repository path. */
export function runbookUrl(text: string | undefined): string | undefined {
  const link = text?.match(RUNBOOK_PATTERN)?.[1]?.replace(TRAILING_PUNCTUATION, '');
  return link || undefined;
}
