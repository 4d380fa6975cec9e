import type { AlarmState } from '../../../functions/alert-router/alert';
import type { MissingData } from '../../../lib/catalog/alarms';
import { decideAlarmState, evaluationRange } from '../../../local/alarms/missing-data';

/** `0` a good datapoint, `X` a breaching one, `-` a missing one; oldest first, as the guide writes them. */
function datapoints(row: string): number[] {
  return row.split(' ').map((symbol) => (symbol === 'X' ? 10 : symbol === '0' ? 1 : NaN));
}

const TREATMENTS: readonly MissingData[] = ['missing', 'ignore', 'breaching', 'notBreaching'];
const KEEP = 'keep';
type Expected = AlarmState | typeof KEEP;

function decide(row: string, m: number, treatMissingData: MissingData, currentState: AlarmState) {
  return decideAlarmState({
    datapoints: datapoints(row),
    evaluationPeriods: 3,
    datapointsToAlarm: m,
    treatMissingData,
    isBreaching: (value) => value > 5,
    currentState,
  });
}

/**
 * The two tables of the CloudWatch user guide, "How alarm state is evaluated when data is
 * missing" (both versions of the page): columns MISSING, IGNORE, BREACHING, NOT BREACHING.
 */
const GUIDE_TABLES: readonly [row: string, m: number, expected: readonly [Expected, Expected, Expected, Expected]][] = [
  ['0 - X - X', 3, ['OK', 'OK', 'OK', 'OK']],
  ['0 - - - -', 3, ['OK', 'OK', 'OK', 'OK']],
  ['- - - - -', 3, ['INSUFFICIENT_DATA', KEEP, 'ALARM', 'OK']],
  ['0 X X - X', 3, ['ALARM', 'ALARM', 'ALARM', 'ALARM']],
  ['- - X - -', 3, ['ALARM', KEEP, 'ALARM', 'OK']],
  ['- - - - X', 3, ['INSUFFICIENT_DATA', KEEP, 'ALARM', 'OK']],
  ['X - - - -', 3, ['ALARM', KEEP, 'ALARM', 'OK']],
  ['0 - X - X', 2, ['ALARM', 'ALARM', 'ALARM', 'ALARM']],
  ['0 0 X 0 X', 2, ['ALARM', 'ALARM', 'ALARM', 'ALARM']],
  ['0 - X - -', 2, ['OK', 'OK', 'ALARM', 'OK']],
  ['- - - - 0', 2, ['OK', 'OK', 'ALARM', 'OK']],
  ['- - - X -', 2, ['ALARM', KEEP, 'ALARM', 'OK']],
];

const CASES = GUIDE_TABLES.flatMap(([row, m, expected]) => TREATMENTS.map((treatment, column) => [row, m, treatment, expected[column]] as const));

describe('decideAlarmState (N = 3, evaluation range 5)', () => {
  it('reads two periods more than N, as the guide does for N = 3', () => {
    // Act
    const range = evaluationRange(3);

    // Assess
    expect(range).toBe(5);
  });

  it.each(CASES)('%s with M = %i and %s → %s', (row, m, treatment, expected) => {
    // Act
    const fromOk = decide(row, m, treatment, 'OK');
    const fromAlarm = decide(row, m, treatment, 'ALARM');
    const fromInsufficient = decide(row, m, treatment, 'INSUFFICIENT_DATA');

    // Assess
    if (expected === KEEP) {
      expect([fromOk.state, fromAlarm.state, fromInsufficient.state]).toEqual(['OK', 'ALARM', 'INSUFFICIENT_DATA']);
      expect(fromOk.rule).toBe('kept');
    } else {
      expect([fromOk.state, fromAlarm.state, fromInsufficient.state]).toEqual([expected, expected, expected]);
    }
  });

  it('evaluates only the N most recent real datapoints when there are enough, newest first', () => {
    // Act
    const decision = decide('X 0 X - X', 2, 'breaching', 'OK');

    // Assess
    expect(decision.rule).toBe('recent-datapoints');
    expect(decision.evaluated).toEqual([
      { value: 10, breaching: true, age: 1 },
      { value: 10, breaching: true, age: 3 },
      { value: 1, breaching: false, age: 4 },
    ]);
    expect(decision.missing).toBe(1);
  });

  it('fills only as few missing datapoints as make N', () => {
    // Act
    const decision = decide('0 - X - -', 3, 'breaching', 'OK');

    // Assess: 2 real datapoints and 1 fill; 2 breaching of 3 is short of M = 3.
    expect(decision.rule).toBe('filled');
    expect(decision.evaluated.map((d) => d.value)).toEqual([10, 1, undefined]);
    expect(decision.state).toBe('OK');
  });
});
