#!/usr/bin/env node
// Committed entry point so npm can link `hush` before the TypeScript build has run.
await import('../dist/bin.js');
