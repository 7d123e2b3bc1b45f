/** A file that is not valid YAML/JSON: reported as one `file:line:column: message` line, exit 2. */
export class ScanParseError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}:${column}: ${reason}`);
    this.name = 'ScanParseError';
  }
}
