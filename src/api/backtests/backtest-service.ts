// Backtest and optimization runs users start over REST: each on a worker thread of its own, queued beyond a global cap, limited per user, kept in memory.
//
// Runs live in memory only: a restart forgets them (they are recomputed on demand, nothing else
// depends on them). A user may have `maxActivePerUser` runs queued or running at once; the server
// runs at most `maxRunning` at a time and queues the rest in arrival order. The last
// `keepFinished` finished runs of each kind are kept per user, older ones forgotten.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { BacktestMetrics } from '../../backtest/metrics.ts';
import { spawnModuleWorker } from '../../threads/module-worker.ts';
import type { Principal } from '../auth/principal.ts';
import { ApiError } from '../errors.ts';
import type { JobMessage, JobResult } from './job-protocol.ts';
import { RunCancelled, type RunKind, type RunPlan } from './run-plan.ts';

export interface BacktestsConfig {
  /** Runs (backtests and optimizations together) one user may have queued or running (default 2). */
  readonly maxActivePerUser?: number;
  /** Runs the server works on at once, each on its own thread (default: the CPUs less one, at least 1). */
  readonly maxRunning?: number;
  /** Finished runs of each kind kept per user (default 20). */
  readonly keepFinished?: number;
  /**
   * Trial threads per optimization (default: the CPUs, at most 4). 0 or 1, or a search of fewer
   * than 16 trials, runs the trials on the optimization's own thread.
   */
  readonly optimizerWorkers?: number;
}

export type RunStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
/** Within `running`: reading stored history, then replaying it. */
export type RunStage = 'queued' | 'loading' | 'running' | 'finished';

interface Run {
  readonly id: number;
  readonly kind: RunKind;
  readonly ownerUserId: number;
  readonly plan: RunPlan;
  readonly createdAt: number;
  status: RunStatus;
  stage: RunStage;
  startedAt: number | null;
  /** When the worker began replaying: the ETA counts from here, not from the loading. */
  replayingAt: number | null;
  endedAt: number | null;
  done: number;
  total: number;
  error: string | null;
  result: JobResult | null;
  worker: Worker | undefined;
}

export interface RunProgress {
  /** 0 to 1. */
  readonly fraction: number;
  readonly done: number;
  readonly total: number;
  readonly unit: 'records' | 'trials';
  readonly stage: RunStage;
  readonly elapsedMs: number;
  /** Estimated ms to go, from the rate so far; null until there is one. */
  readonly etaMs: number | null;
}

export interface RunView {
  readonly id: number;
  readonly kind: RunKind;
  readonly ownerUserId: number;
  readonly status: RunStatus;
  readonly strategy: string;
  readonly symbol: string;
  readonly request: RunPlan['request'];
  readonly progress: RunProgress;
  readonly error: string | null;
  readonly createdAt: number;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
  /** Stored rows off the instrument's grid that the run skipped while reading its history (0 for synthetic data). */
  readonly skippedRows: number;
  /** The headline of a run that is done, for lists: a backtest's metrics, an optimization's best trial's (null with walk-forward). */
  readonly metrics: BacktestMetrics | null;
  /** Only on a single run once it is done. */
  readonly result?: JobResult | null;
}

const ACTIVE: ReadonlySet<RunStatus> = new Set(['queued', 'running']);

export class BacktestService {
  private readonly runs = new Map<number, Run>();
  private readonly queue: Run[] = [];
  private running = 0;
  private nextId = 1;
  private closing = false;
  readonly maxActivePerUser: number;
  readonly maxRunning: number;
  readonly keepFinished: number;
  readonly optimizerWorkers: number;

  constructor(config: BacktestsConfig = {}) {
    const cpus = availableParallelism();
    this.maxActivePerUser = config.maxActivePerUser ?? 2;
    this.maxRunning = Math.max(1, config.maxRunning ?? cpus - 1);
    this.keepFinished = config.keepFinished ?? 20;
    this.optimizerWorkers = config.optimizerWorkers ?? Math.min(4, cpus);
  }

  /** Queues the plan as the caller's run and starts it when a slot is free; 409 BACKTEST_LIMIT past the user's limit. */
  submit(principal: Principal, plan: RunPlan): RunView {
    if (this.closing) throw new ApiError('UNAVAILABLE');
    const active = [...this.runs.values()].filter((r) => r.ownerUserId === principal.userId && ACTIVE.has(r.status)).length;
    if (active >= this.maxActivePerUser) throw new ApiError('BACKTEST_LIMIT', `You may have at most ${this.maxActivePerUser} backtests and optimizations queued or running at once; wait for one to end or cancel one (DELETE).`);
    const run: Run = {
      id: this.nextId++,
      kind: plan.kind,
      ownerUserId: principal.userId,
      plan,
      createdAt: Date.now(),
      status: 'queued',
      stage: 'queued',
      startedAt: null,
      replayingAt: null,
      endedAt: null,
      done: 0,
      total: plan.total,
      error: null,
      result: null,
      worker: undefined,
    };
    this.runs.set(run.id, run);
    this.queue.push(run);
    this.pump();
    return this.view(run, false);
  }

  /** The caller's runs of a kind, newest first; an admin sees everyone's. */
  list(principal: Principal, kind: RunKind): RunView[] {
    return [...this.runs.values()]
      .filter((r) => r.kind === kind && (principal.role === 'admin' || r.ownerUserId === principal.userId))
      .reverse()
      .map((r) => this.view(r, false));
  }

  get(principal: Principal, kind: RunKind, id: number): RunView {
    return this.view(this.own(principal, kind, id), true);
  }

  /** Cancels a queued or running run (its worker is terminated) and returns it; forgets a finished one and returns undefined. */
  async cancel(principal: Principal, kind: RunKind, id: number): Promise<RunView | undefined> {
    const run = this.own(principal, kind, id);
    if (!ACTIVE.has(run.status)) {
      this.runs.delete(run.id);
      return undefined;
    }
    await this.finish(run, 'cancelled', null, null);
    return this.view(run, false);
  }

  /** Stops taking runs and ends every queued and running one. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.runs.values()].filter((r) => ACTIVE.has(r.status)).map((r) => this.finish(r, 'cancelled', null, 'the server shut down')));
  }

  private own(principal: Principal, kind: RunKind, id: number): Run {
    const run = this.runs.get(id);
    // Someone else's run is answered exactly like one that does not exist.
    if (!run || run.kind !== kind || (run.ownerUserId !== principal.userId && principal.role !== 'admin')) throw new ApiError('NOT_FOUND', `You have no ${kind} with id ${id}.`);
    return run;
  }

  private pump(): void {
    while (!this.closing && this.running < this.maxRunning) {
      const run = this.queue.shift();
      if (!run) return;
      if (run.status !== 'queued') continue;
      this.running++;
      void this.start(run);
    }
  }

  private async start(run: Run): Promise<void> {
    run.status = 'running';
    run.stage = 'loading';
    run.startedAt = Date.now();
    let job;
    try {
      job = await run.plan.job(() => run.status !== 'running');
    } catch (error) {
      if (!(error instanceof RunCancelled)) await this.finish(run, 'failed', null, `reading the history failed: ${messageOf(error)}`);
      return;
    }
    if (run.status !== 'running') return;
    const worker = spawnModuleWorker(new URL('./job-worker.ts', import.meta.url), { workerData: job });
    run.worker = worker;
    run.stage = 'running';
    run.replayingAt = Date.now();
    worker.on('message', (message: JobMessage) => {
      if (run.status !== 'running') return;
      switch (message.type) {
        case 'progress':
          run.done = message.done;
          run.total = message.total;
          return;
        case 'done':
          run.done = run.total;
          return void this.finish(run, 'done', message.result, null);
        case 'failed':
          return void this.finish(run, 'failed', null, message.error);
      }
    });
    // A worker's crash never reaches the server: it fails the run.
    worker.on('error', (error) => void this.finish(run, 'failed', null, `the backtest worker failed: ${error.message}`));
    worker.on('exit', (code) => void this.finish(run, 'failed', null, `the backtest worker exited with code ${code}`));
  }

  /** Ends an active run once: records the outcome, stops its worker, frees its slot and starts the next. */
  private async finish(run: Run, status: Exclude<RunStatus, 'queued' | 'running'>, result: JobResult | null, error: string | null): Promise<void> {
    if (!ACTIVE.has(run.status)) return;
    const held = run.status === 'running';
    run.status = status;
    run.stage = 'finished';
    run.result = result;
    run.error = error;
    run.endedAt = Date.now();
    const worker = run.worker;
    run.worker = undefined;
    if (held) this.running--;
    this.forgetOld(run.ownerUserId, run.kind);
    this.pump();
    await worker?.terminate();
  }

  private forgetOld(ownerUserId: number, kind: RunKind): void {
    const finished = [...this.runs.values()].filter((r) => r.ownerUserId === ownerUserId && r.kind === kind && !ACTIVE.has(r.status));
    for (const old of finished.slice(0, Math.max(0, finished.length - this.keepFinished))) this.runs.delete(old.id);
  }

  private view(run: Run, withResult: boolean): RunView {
    const now = run.endedAt ?? Date.now();
    const fraction = run.status === 'done' ? 1 : run.total > 0 ? Math.min(1, run.done / run.total) : 0;
    const replaying = run.replayingAt === null ? 0 : now - run.replayingAt;
    const etaMs = run.status === 'running' && run.stage === 'running' && run.done > 0 ? Math.round((replaying * (run.total - run.done)) / run.done) : run.status === 'done' ? 0 : null;
    return {
      id: run.id,
      kind: run.kind,
      ownerUserId: run.ownerUserId,
      status: run.status,
      strategy: run.plan.request.strategy,
      symbol: run.plan.request.symbol,
      request: run.plan.request,
      progress: { fraction, done: run.status === 'done' ? run.total : run.done, total: run.total, unit: run.plan.unit, stage: run.stage, elapsedMs: run.startedAt === null ? 0 : now - run.startedAt, etaMs },
      error: run.error,
      createdAt: run.createdAt,
      startedAt: run.startedAt,
      endedAt: run.endedAt,
      skippedRows: run.plan.skippedRows(),
      metrics: headlineMetrics(run),
      ...(withResult ? { result: run.result } : {}),
    };
  }
}

function headlineMetrics(run: Run): BacktestMetrics | null {
  const result = run.result;
  if (!result) return null;
  return 'trials' in result ? (result.best?.metrics ?? null) : result.metrics;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
