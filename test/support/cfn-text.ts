/**
 * A template fragment with every `Fn::Join` of strings and `Ref`s written out as one string,
 * references as `${AWS::Partition}` (as `Fn::Sub` would), so that tests can compare whole
 * ARNs: `{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':bedrock:...']] }` becomes
 * `'arn:${AWS::Partition}:bedrock:...'`. Anything else is kept as it is.
 */
export function cfnText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cfnText);
  if (typeof value !== 'object' || value === null) return value;
  const join = (value as Record<string, unknown>)['Fn::Join'];
  if (Array.isArray(join) && Object.keys(value).length === 1) {
    const [separator, parts] = join as [string, unknown[]];
    const texts = parts.map((part) => (typeof part === 'string' ? part : isRef(part) ? `\${${part.Ref}}` : undefined));
    if (texts.every((text) => text !== undefined)) return texts.join(separator);
  }
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cfnText(item)]));
}

function isRef(value: unknown): value is { Ref: string } {
  return typeof value === 'object' && value !== null && typeof (value as { Ref?: unknown }).Ref === 'string' && Object.keys(value).length === 1;
}
