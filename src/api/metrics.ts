// Prometheus metrics: the one registry of metric names, and the hooks that feed them.
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { EngineEvent } from '../core/events.ts';
import type { CommitInfo } from '../journal/index.ts';
import { FastCounter, FastHistogram, type CounterSlot } from './fast-metrics.ts';

const LATENCY_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

/**
 * Counters and histograms fed per request, per message or per event are FastCounter and
 * FastHistogram (the same exposition as prom-client's, at a fraction of the cost per observation);
 * hot call sites keep the slot of their label set.
 */
export class ApiMetrics {
  readonly registry = new Registry();
  readonly orders = new FastCounter({ name: 'bourse_orders_total', help: 'Orders by type and result (accepted or a reason code)', labelNames: ['type', 'result'], registers: [this.registry] });
  readonly trades = new FastCounter({ name: 'bourse_trades_total', help: 'Trades by symbol', labelNames: ['symbol'], registers: [this.registry] });
  readonly ackSeconds = new FastHistogram({ name: 'bourse_order_ack_seconds', help: 'From receiving an order to acknowledging it (durable), by channel', labelNames: ['channel', 'type'], buckets: LATENCY_BUCKETS, registers: [this.registry] });
  readonly matchSeconds = new FastHistogram({ name: 'bourse_engine_apply_seconds', help: 'Engine time to apply one command (risk, matching, clearing)', labelNames: ['command'], buckets: [0.000001, 0.0000025, 0.000005, 0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.001], registers: [this.registry] });
  readonly fsyncSeconds = new FastHistogram({ name: 'bourse_journal_fsync_seconds', help: 'Journal fdatasync time per group commit', buckets: LATENCY_BUCKETS, registers: [this.registry] });
  readonly commitLagSeconds = new FastHistogram({ name: 'bourse_journal_lag_seconds', help: 'From the first append of a group commit until it was durable', buckets: LATENCY_BUCKETS, registers: [this.registry] });
  readonly commitRecords = new FastHistogram({ name: 'bourse_journal_batch_records', help: 'Commands per group commit', buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 5000], registers: [this.registry] });
  /** 1 once the exchange takes no more commands (its journal failed, or its engine): only a restart clears it. */
  readonly journalFailed: Gauge = new Gauge({
    name: 'bourse_journal_failed',
    help: '1 once the journal (or the engine) has failed and every command is refused until a restart; 0 while healthy',
    registers: [this.registry],
    collect: (): void => this.journalFailed.set(this.failed() ? 1 : 0),
  });
  private failed: () => boolean = () => false;
  readonly wsClients = new Gauge({ name: 'bourse_ws_clients', help: 'Open WebSocket connections', registers: [this.registry] });
  readonly wsMessages = new FastCounter({ name: 'bourse_ws_messages_total', help: 'WebSocket messages by direction (in, out)', labelNames: ['direction'], registers: [this.registry] });
  readonly wsDropped = new FastCounter({ name: 'bourse_ws_slow_consumers_total', help: 'Connections closed because their send buffer filled', registers: [this.registry] });
  readonly httpRequests = new FastCounter({ name: 'bourse_http_requests_total', help: 'HTTP requests by route, method and status', labelNames: ['route', 'method', 'status'], registers: [this.registry] });
  readonly httpSeconds = new FastHistogram({ name: 'bourse_http_request_seconds', help: 'HTTP request duration by route', labelNames: ['route', 'method'], buckets: LATENCY_BUCKETS, registers: [this.registry] });
  readonly storeQueries = new FastCounter({ name: 'bourse_store_queries_total', help: 'Read-model store statements by kind (read, write)', labelNames: ['kind'], registers: [this.registry] });
  readonly storeSeconds = new FastHistogram({ name: 'bourse_store_query_seconds', help: 'Read-model store statement time by kind', labelNames: ['kind'], buckets: LATENCY_BUCKETS, registers: [this.registry] });

  readonly wsIn: CounterSlot = this.wsMessages.child('in');
  readonly wsOut: CounterSlot = this.wsMessages.child('out');

  constructor() {
    // Node's own figures as bourse_process_cpu_seconds_total, bourse_nodejs_heap_size_used_bytes, ...
    collectDefaultMetrics({ register: this.registry, prefix: 'bourse_' });
  }

  /** Counts orders and trades from a committed batch of events. */
  onCommitted(events: readonly EngineEvent[]): void {
    for (const event of events) {
      if (event.type === 'OrderAccepted') this.orders.child(event.orderType, 'accepted').inc();
      else if (event.type === 'OrderRejected') this.orders.child('any', event.reason).inc();
      else if (event.type === 'Fill' && event.liquidity === 'taker') this.trades.child(event.symbol).inc();
    }
  }

  /** Where `bourse_journal_failed` reads whether the exchange has failed, at each scrape. */
  watchFailure(failed: () => boolean): void {
    this.failed = failed;
  }

  onJournalCommit(info: CommitInfo): void {
    this.fsyncSeconds.observe(info.syncMs / 1000);
    this.commitLagSeconds.observe(info.lagMs / 1000);
    this.commitRecords.observe(info.records);
  }

  onStoreQuery(sql: string, ms: number): void {
    const kind = /^\s*(select|with)\b/i.test(sql) ? 'read' : 'write';
    this.storeQueries.child(kind).inc();
    this.storeSeconds.child(kind).observe(ms / 1000);
  }
}
