// Throwaway directories for the scenarios here; the same helpers the unit tests under src/ use.
export { suiteTempDir, tempDir } from '../../src/journal/test-support.ts';
