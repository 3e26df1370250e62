#!/usr/bin/env node
// Launches the `bourse` command: TypeScript sources run through tsx's loader.
//
// It registers what `node --import tsx` does: the ESM hooks and the CommonJS loader. With the ESM
// hooks alone, a user's .ts strategy with no "type": "module" package.json above it (CommonJS by
// Node's rules) fell to Node's own require of the SDK: "Cannot require() ES Module ... in a cycle".
import { register } from 'tsx/esm/api';

register();
await import('tsx/cjs');
await import('../src/cli/main.ts');
