// Central risk management's public surface: the service, the order gate, limits and their edge units.
export { RiskService, STRATEGY_NAME, type ResetOutcome, type RiskActor, type RiskServiceOptions, type RiskStatus } from './risk-service.ts';
export { breachMessage, breachView, killReason, killSwitchProblem, type OrderGate, type OrderIntent, type RefusalDetails, type RiskRefusal } from './order-gate.ts';
export { LIMIT_FIELDS, effectiveLimits, findBreaches, type Breach, type EffectiveLimit, type EffectiveLimits, type LimitField, type LimitLayers, type LimitSource, type RiskLimits, type RiskMetrics } from './limits.ts';
export { API_LIMIT_NAMES, formatBpsAsPercent, formatLimitValue, formatLimits, parseLimits, type ApiLimitName, type LimitsInput, type LimitsView } from './limit-units.ts';
export { AccountRisk, DAY_MS, drawdownBps, utcDay } from './account-risk.ts';
export { isManual, type KillCause, type KillState, type ManualKill } from './risk-settings.ts';
