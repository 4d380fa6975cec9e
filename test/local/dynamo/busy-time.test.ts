import { BusyTime } from '../../../local/dynamo/busy-time';

describe('BusyTime', () => {
  it('counts overlapping operations once', () => {
    // Prepare
    let now = 0;
    const busy = new BusyTime(() => now);

    // Act: [0, 10] and [5, 20] overlap, [30, 35] stands alone
    busy.begin();
    now = 5;
    busy.begin();
    now = 10;
    busy.end();
    now = 20;
    busy.end();
    now = 30;
    busy.begin();
    now = 35;
    busy.end();
    now = 50;

    // Assess
    expect(busy.ms).toBe(25);
  });

  it('includes the stretch still in flight', () => {
    // Prepare
    let now = 100;
    const busy = new BusyTime(() => now);
    busy.begin();

    // Act
    now = 107;

    // Assess
    expect(busy.ms).toBe(7);
  });

  it('refuses an end without a begin', () => {
    // Act
    const unmatched = () => new BusyTime(() => 0).end();

    // Assess
    expect(unmatched).toThrow('BusyTime.end() without a matching begin()');
  });
});
