/**
 * What AWS and the providers accept for each kind of configured name. Each check returns why
 * a value is refused, or undefined when it is accepted.
 */

/** The service name prefixes resource names (`<service>-judge`, a Lambda name of at most 64). */
export const MAX_SERVICE_NAME_LENGTH = 50;
const SERVICE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

const MAX_NAMESPACE_LENGTH = 255;
const NAMESPACE = /^[A-Za-z0-9._/#: -]+$/;

const MAX_SECRET_NAME_LENGTH = 512;
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]+$/;

/** OpenAI function-calling tool names. */
const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;

const MAX_MODEL_LENGTH = 256;

const EMAIL_LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const E164 = /^\+[1-9]\d{1,14}$/;

export function serviceNameProblem(value: string): string | undefined {
  if (value.length > MAX_SERVICE_NAME_LENGTH || !SERVICE_NAME.test(value)) {
    return `must be 1-${MAX_SERVICE_NAME_LENGTH} letters, digits, '-' or '_', starting with a letter or digit, got ${JSON.stringify(value)}`;
  }
  return undefined;
}

export function namespaceProblem(value: string): string | undefined {
  if (value.length > MAX_NAMESPACE_LENGTH || !NAMESPACE.test(value) || value.trim() !== value) {
    return `must be 1-${MAX_NAMESPACE_LENGTH} letters, digits or . - _ / # : and inner spaces, got ${JSON.stringify(value)}`;
  }
  if (value.startsWith('AWS/')) return `must be a custom namespace; "AWS/" is reserved for AWS services, got ${JSON.stringify(value)}`;
  return undefined;
}

/** Secrets Manager secret names: ASCII letters, digits and / _ + = . @ -, at most 512. */
export function secretNameProblem(value: string): string | undefined {
  if (value.length > MAX_SECRET_NAME_LENGTH || !SECRET_NAME.test(value)) {
    return `must be a Secrets Manager secret name: 1-${MAX_SECRET_NAME_LENGTH} letters, digits or / _ + = . @ -, got ${JSON.stringify(value)}`;
  }
  return undefined;
}

export function toolNameProblem(value: string): string | undefined {
  return TOOL_NAME.test(value) ? undefined : `${JSON.stringify(value)} is not a tool name (1-64 letters, digits, '_' or '-')`;
}

export function modelProblem(value: string): string | undefined {
  if (value.length > MAX_MODEL_LENGTH || /\s/.test(value)) {
    return `must be a model id without spaces, at most ${MAX_MODEL_LENGTH} characters, got ${JSON.stringify(value)}`;
  }
  return undefined;
}

export function emailProblem(value: string): string | undefined {
  const at = value.lastIndexOf('@');
  const local = value.slice(0, at);
  const labels = value.slice(at + 1).split('.');
  const valid =
    at > 0 &&
    local.length <= 64 &&
    EMAIL_LOCAL.test(local) &&
    labels.length >= 2 &&
    labels.every((label) => DOMAIN_LABEL.test(label)) &&
    /^[A-Za-z]{2,}$/.test(labels[labels.length - 1]);
  return valid ? undefined : `${JSON.stringify(value)} is not an e-mail address`;
}

export function phoneNumberProblem(value: string): string | undefined {
  return E164.test(value) ? undefined : `${JSON.stringify(value)} is not an E.164 phone number such as +14155550100`;
}

/** A URL (http or https) or a repository path, without spaces. */
export function linkBaseProblem(value: string): string | undefined {
  if (/\s/.test(value)) return `must be a URL or a path without spaces, got ${JSON.stringify(value)}`;
  if (/^[a-z]+:/i.test(value) && !/^https?:\/\/[^/]+/i.test(value)) return `a URL must be http(s)://host/..., got ${JSON.stringify(value)}`;
  return undefined;
}
