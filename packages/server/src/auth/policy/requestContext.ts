/**
 * The request context a policy's conditions read: condition keys (lower-cased, since IAM compares
 * key names case-insensitively) to one value or to a list for multi-valued keys such as
 * `kms:EncryptionContextKeys`.
 */
export type ContextValue = string | readonly string[];
/** Looks a condition key up by its lower-cased name. */
export interface RequestContext {
  get(lowerCaseKey: string): ContextValue | undefined;
}

export function requestContext(entries: Record<string, ContextValue | undefined>): Map<string, ContextValue> {
  const context = new Map<string, ContextValue>();
  for (const [key, value] of Object.entries(entries)) {
    if (value !== undefined) context.set(key.toLowerCase(), value);
  }
  return context;
}

/**
 * Replaces policy variables (`${aws:username}`) with their values. A variable the request does not
 * carry makes the whole text unusable (undefined), so it matches nothing, as in IAM.
 */
export function substituteVariables(text: string, context: RequestContext): string | undefined {
  if (!text.includes('${')) return text;
  let missing = false;
  const result = text.replace(/\$\{([^}]+)\}/g, (_whole, name: string) => {
    if (name === '*' || name === '?' || name === '$') return name;
    const value = context.get(name.toLowerCase());
    if (typeof value !== 'string') {
      missing = true;
      return '';
    }
    return value;
  });
  return missing ? undefined : result;
}
