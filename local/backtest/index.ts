/**
 * The alarm backtest: a deployed service's CloudWatch history replayed through the catalog's
 * alarms with the local evaluator (`agent-monitor backtest`).
 */
export { fetchPlan, datapointsOf, historySeriesKey, GET_METRIC_DATA_LIMITS, MINUTE_STATISTICS, type FetchBatch, type FetchPlan, type FetchQuery } from './fetch-plan';
export { MetricHistory } from './metric-history';
export { cloudWatchClient, readMetricHistory, type GetMetricDataClient } from './metric-reader';
export { replayAlarms, episodeMinutes, worstEpisode, type AlarmBacktest, type AlarmEpisode, type BacktestNotification, type BacktestResult, type ReplayWindow } from './replay';
export { backtestJson, backtestLines, comparisonLines, duration, type BacktestJson } from './report';
export { runBacktest, backtestWindow, MAX_BACKTEST_DAYS, type BacktestOutcome, type BacktestRequest } from './run-backtest';
