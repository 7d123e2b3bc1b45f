/** SARIF 2.1.0 in the shape GitHub code scanning ingests. */
import { createHash } from 'node:crypto';
import type { Finding } from '../finding.js';
import { RULES } from '../rules.js';

const INFORMATION_URI = 'https://github.com/hush/hush/blob/main/packages/cli/docs/scan.md';

export function formatSarif(findings: readonly Finding[]): string {
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'hush',
            informationUri: INFORMATION_URI,
            version: '0.1.0',
            rules: RULES.map((rule) => ({
              id: rule.id,
              name: rule.name,
              shortDescription: { text: rule.short },
              fullDescription: { text: rule.full },
              help: { text: rule.help },
              defaultConfiguration: { level: rule.level },
              properties: { 'security-severity': rule.securitySeverity, tags: ['security'] },
            })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: RULES.findIndex((rule) => rule.id === f.ruleId),
          level: f.level,
          message: { text: `${f.message}. Fix: ${f.fix}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file },
                region: { startLine: f.line, startColumn: f.column },
              },
            },
          ],
          partialFingerprints: {
            // Stable across runs and line moves: rule, file and message (which never holds a full secret).
            'hushFinding/v1': createHash('sha256')
              .update(`${f.ruleId}\0${f.file}\0${f.message}`)
              .digest('hex'),
          },
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
