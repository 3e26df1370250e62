// The journal module's public surface: durable engine, journal file, snapshot store, command codec.
export { DurableEngine, JOURNAL_FILE, type DurableEngineOptions, type DurableMetrics, type Execution, type RecoveryReport, type SnapshotInfo } from './durable-engine.ts';
export { JournalCorruptError, JournalFailedError, JournalFile, type CommitInfo, type JournalLogger, type JournalMetrics, type JournalOptions, type JournalRecord } from './journal-file.ts';
export { SnapshotStore, type SnapshotData } from './snapshot-store.ts';
export type { SpawnWorker } from './snapshot-thread.ts';
export { decodeCommand, encodeCommand } from './command-codec.ts';
export { CodecError } from './byte-io.ts';
