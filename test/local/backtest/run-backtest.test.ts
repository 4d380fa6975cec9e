import { alarmCatalog } from '../../../lib/catalog/alarms';
import { backtestWindow, ONE_MINUTE_DATA_MARGIN_MS } from '../../../local/backtest/run-backtest';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const NOW = Date.UTC(2026, 10, 20, 12, 0, 42);
const TO = Date.UTC(2026, 10, 20, 12, 0);

describe('backtestWindow', () => {
  it('reads the longest alarm window (1 day) before a short window, to warm it up', () => {
    // Act
    const window = backtestWindow(NOW, 2, [alarmCatalog()]);

    // Assess
    expect(window).toEqual({ start: TO - 3 * DAY_MS, from: TO - 2 * DAY_MS, to: TO });
  });

  it('starts a 14-day backtest inside the 15 days of one-minute data, where CloudWatch does not round StartTime to 5 minutes', () => {
    // Act
    const window = backtestWindow(NOW, 14, [alarmCatalog()]);

    // Assess
    expect(window.from).toBe(TO - 14 * DAY_MS);
    expect(window.start).toBe(TO - 15 * DAY_MS + ONE_MINUTE_DATA_MARGIN_MS);
    expect(ONE_MINUTE_DATA_MARGIN_MS).toBeGreaterThanOrEqual(5 * MINUTE_MS);
  });

  it('refuses more days than one-minute data allows, saying why', () => {
    // Act
    const act = () => backtestWindow(NOW, 15, [alarmCatalog()]);

    // Assess
    expect(act).toThrow('--days must be more than 0 and at most 14 (CloudWatch keeps one-minute datapoints 15 days');
  });
});
