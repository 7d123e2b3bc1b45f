/** Parameter labels: AWS's rules for a label, and the limit of labels on one version. */

export const MAX_LABELS_PER_VERSION = 10;

/**
 * Letters, digits, `.`, `-`, `_`; not starting with a digit, nor with `aws` or `ssm` in any case.
 * A label breaking these rules is not an error: AWS returns it in `InvalidLabels`.
 */
export const isValidLabel = (label: string): boolean =>
  /^[A-Za-z0-9_.-]+$/.test(label) && !/^[0-9]/.test(label) && !/^(aws|ssm)/i.test(label);
