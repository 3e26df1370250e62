// Prometheus metrics: the one registry of metric names, and the hooks that feed them.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { EngineEvent } from '../core/events.ts';
import type { CommitInfo } from '../journal/index.ts';

const LATENCY_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

export class ApiMetrics {
  readonly registry = new Registry();
  readonly orders = new Counter({ name: 'bourse_orders_total', help: 'Orders by type and result (accepted or a reason code)', labelNames: ['type', 'result'], registers: [this.registry] });
  readonly trades = new Counter({ name: 'bourse_trades_total', help: 'Trades by symbol', labelNames: ['symbol'], registers: [this.registry] });
  readonly ackSeconds = new Histogram({ name: 'bourse_order_ack_seconds', help: 'From receiving an order to acknowledging it (durable), by channel', labelNames: ['channel', 'type'], buckets: LATENCY_BUCKETS, registers: [this.registry] });
  readonly matchSeconds = new Histogram({ name: 'bourse_engine_apply_seconds', help: 'Engine time to apply one command (risk, matching, clearing)', labelNames: ['command'], buckets: [0.000001, 0.0000025, 0.000005, 0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.001], registers: [this.registry] });
  readonly fsyncSeconds = new Histogram({ name: 'bourse_journal_fsync_seconds', help: 'Journal fdatasync time per group commit', buckets: LATENCY_BUCKETS, registers: [this.registry] });
  readonly commitLagSeconds = new Histogram({ name: 'bourse_journal_lag_seconds', help: 'From the first append of a group commit until it was durable', buckets: LATENCY_BUCKETS, registers: [this.registry] });
  readonly commitRecords = new Histogram({ name: 'bourse_journal_batch_records', help: 'Commands per group commit', buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 5000], registers: [this.registry] });
  readonly wsClients = new Gauge({ name: 'bourse_ws_clients', help: 'Open WebSocket connections', registers: [this.registry] });
  readonly wsMessages = new Counter({ name: 'bourse_ws_messages_total', help: 'WebSocket messages by direction (in, out)', labelNames: ['direction'], registers: [this.registry] });
  readonly wsDropped = new Counter({ name: 'bourse_ws_slow_consumers_total', help: 'Connections closed because their send buffer filled', registers: [this.registry] });
  readonly httpRequests = new Counter({ name: 'bourse_http_requests_total', help: 'HTTP requests by route, method and status', labelNames: ['route', 'method', 'status'], registers: [this.registry] });
  readonly httpSeconds = new Histogram({ name: 'bourse_http_request_seconds', help: 'HTTP request duration by route', labelNames: ['route', 'method'], buckets: LATENCY_BUCKETS, registers: [this.registry] });
  readonly storeQueries = new Counter({ name: 'bourse_store_queries_total', help: 'Read-model store statements by kind (read, write)', labelNames: ['kind'], registers: [this.registry] });
  readonly storeSeconds = new Histogram({ name: 'bourse_store_query_seconds', help: 'Read-model store statement time by kind', labelNames: ['kind'], buckets: LATENCY_BUCKETS, registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'bourse_process_' });
  }

  /** Counts orders and trades from a committed batch of events. */
  onCommitted(events: readonly EngineEvent[]): void {
    for (const event of events) {
      if (event.type === 'OrderAccepted') this.orders.inc({ type: event.orderType, result: 'accepted' });
      else if (event.type === 'OrderRejected') this.orders.inc({ type: 'any', result: event.reason });
      else if (event.type === 'Fill' && event.liquidity === 'taker') this.trades.inc({ symbol: event.symbol });
    }
  }

  onJournalCommit(info: CommitInfo): void {
    this.fsyncSeconds.observe(info.syncMs / 1000);
    this.commitLagSeconds.observe(info.lagMs / 1000);
    this.commitRecords.observe(info.records);
  }

  onStoreQuery(sql: string, ms: number): void {
    const kind = /^\s*(select|with)\b/i.test(sql) ? 'read' : 'write';
    this.storeQueries.inc({ kind });
    this.storeSeconds.observe({ kind }, ms / 1000);
  }
}
