/** Matches an X-Amz-Target against a glob where `*` stands for any run of characters. */
export function targetGlob(pattern: string): (target: string) => boolean {
  if (pattern === '*') return () => true;
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  const regex = new RegExp(`^${escaped.join('.*')}$`);
  return (target) => regex.test(target);
}
