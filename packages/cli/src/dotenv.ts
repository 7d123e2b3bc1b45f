/** Reads and writes dotenv files: `KEY=value`, `export KEY=…`, quotes, `#` comments. */
export function parseDotenv(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const line = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const match = line.exec(lines[i] ?? '');
    if (!match) continue;
    const key = match[1] ?? '';
    let raw = match[2] ?? '';
    const quote = raw[0];
    if (quote === '"' || quote === "'") {
      // A quoted value may span lines until its closing quote.
      let body = raw.slice(1);
      while (!closes(body, quote) && i + 1 < lines.length) body += `\n${lines[++i]}`;
      const end = closingIndex(body, quote);
      raw = end < 0 ? body : body.slice(0, end);
      values[key] = quote === '"' ? unescapeDouble(raw) : raw;
    } else {
      values[key] = raw.replace(/\s+#.*$/, '').trim();
    }
  }
  return values;
}

const closes = (body: string, quote: string): boolean => closingIndex(body, quote) >= 0;

function closingIndex(body: string, quote: string): number {
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && quote === '"') i++;
    else if (body[i] === quote) return i;
  }
  return -1;
}

const unescapeDouble = (text: string): string =>
  text.replace(/\\([nrt"\\$])/g, (_, ch: string) => ({ n: '\n', r: '\r', t: '\t' })[ch] ?? ch);

/** One `KEY=value` line, double-quoted when the value needs it. */
export function dotenvLine(key: string, value: string): string {
  if (/^[\w@%+=:,./-]*$/.test(value)) return `${key}=${value}`;
  return `${key}="${value
    .replace(/[\\"$]/g, '\\$&')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')}"`;
}
