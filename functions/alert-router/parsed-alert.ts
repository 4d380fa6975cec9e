import type { Alert, Severity } from './alert';

/** An alert before its severity is settled: the message may declare one, the topic decides. */
export type ParsedAlert = Omit<Alert, 'severity'> & { readonly declaredSeverity?: Severity };
