/** The limits and defaults of the local metric store, by name. */

/** One minute in milliseconds: the store's bucket width (CloudWatch's standard resolution). */
export const MINUTE_MS = 60_000;

/** Periods must be whole multiples of the storage resolution. */
export const STORAGE_RESOLUTION_SECONDS = 60;

/** How far back the store keeps data by default: the longest alarm window of the catalog (1 day). */
export const DEFAULT_RETENTION_SECONDS = 86_400;

/** An EMF document is a JSON object carrying this key (the EMF specification's root member). */
export const EMF_ROOT_KEY = '"_aws"';
