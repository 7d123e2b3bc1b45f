/**
 * `hush audit`: reads the audit log `hush serve` writes — one line per request: who, what, on which
 * resource, the decision and the statement that made it, and under a batch request each item it
 * refused. Pretty by default, `--json` passes the
 * lines through; `--follow` keeps printing lines as the server appends them.
 */
import { closeSync, existsSync, openSync, readSync, statSync, unwatchFile, watchFile } from 'node:fs';
import { join } from 'node:path';
import type { AuditRecord } from '@hush/server';
import type { Command } from 'commander';

interface AuditOptions {
  dataDir: string;
  auditLog?: string;
  follow: boolean;
  json: boolean;
}

const pad = (text: string, width: number): string =>
  text.length >= width ? text : text + ' '.repeat(width - text.length);

export function formatAuditLine(line: string): string {
  let record: AuditRecord;
  try {
    record = JSON.parse(line) as AuditRecord;
  } catch {
    return `(unreadable line) ${line.slice(0, 80)}`;
  }
  const decision = record.decision === 'NotEvaluated' ? '-' : record.decision.toUpperCase();
  const statement = record.statement
    ? ` by ${record.statement.policy}${record.statement.sid ? `#${record.statement.sid}` : `[${record.statement.index}]`}`
    : '';
  const outcome = record.errorCode ? `${record.status} ${record.errorCode}` : String(record.status);
  const summary = [
    record.time,
    pad(decision, 5),
    pad(record.principal ?? record.accessKeyId ?? '(anonymous)', 40),
    pad(record.action ?? '-', 32),
    pad(record.resource ?? '-', 40),
    `${outcome}${statement}`,
    `from ${record.sourceAddress || '?'}`,
    record.requestId,
  ].join('  ');
  // A batch answers 200 while refusing some of its items; show each refusal under the request.
  const refusedItems = (record.checks ?? []).filter(
    (check) => check.item !== undefined && check.decision === 'Deny',
  );
  return [
    summary,
    ...refusedItems.map(
      (check) =>
        `    item ${check.item}: DENY  ${check.action} on ${check.resource}${check.viaService ? ` via ${check.viaService}` : ''}`,
    ),
  ].join('\n');
}

/** Reads whole lines from `path` starting at byte `offset`; returns them and the offset after them. */
function readLines(path: string, offset: number): { lines: string[]; offset: number } {
  const size = statSync(path).size;
  if (size < offset) offset = 0; // the log was truncated or replaced: start again
  if (size === offset) return { lines: [], offset };
  const buffer = Buffer.alloc(size - offset);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, offset);
  } finally {
    closeSync(fd);
  }
  const end = buffer.lastIndexOf(0x0a);
  if (end < 0) return { lines: [], offset };
  const lines = buffer
    .subarray(0, end)
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '');
  return { lines, offset: offset + end + 1 };
}

export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description('Show the audit log of hush serve: who did what to which resource, and what was decided.')
    .option('-d, --data-dir <dir>', 'the data directory hush serve uses', './.hush')
    .option('--audit-log <file>', 'the audit log file (default: <data-dir>/audit.log)')
    .option('-f, --follow', 'keep printing lines as they are appended', false)
    .option('--json', 'print the JSON lines as they are stored', false)
    .action(async (options: AuditOptions) => {
      const path = options.auditLog ?? join(options.dataDir, 'audit.log');
      if (!existsSync(path) && !options.follow) throw new Error(`no audit log at ${path}`);
      const print = (lines: string[]) => {
        if (lines.length === 0) return;
        process.stdout.write(`${lines.map((l) => (options.json ? l : formatAuditLine(l))).join('\n')}\n`);
      };
      let offset = 0;
      if (existsSync(path)) {
        const first = readLines(path, 0);
        print(first.lines);
        offset = first.offset;
      }
      if (!options.follow) return;
      await new Promise<void>((resolve) => {
        watchFile(path, { interval: 200 }, () => {
          if (!existsSync(path)) return;
          const next = readLines(path, offset);
          print(next.lines);
          offset = next.offset;
        });
        const stop = () => {
          unwatchFile(path);
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
