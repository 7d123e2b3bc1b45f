import { parseReference, type Reference, ReferenceSyntaxError } from 'hush/reference';
import { usageError } from './errors.js';

/** Parses a reference typed on the command line; a syntax error is a usage error (exit 2). */
export function referenceArgument(text: string): Reference {
  try {
    return parseReference(text);
  } catch (error) {
    if (error instanceof ReferenceSyntaxError) throw usageError(error.message);
    throw error;
  }
}
