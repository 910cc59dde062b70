import { mayEnter, separationBreaches } from './room';

describe('rooms and zones', () => {
  it('R-5.4.3 refuses incompatible activities in one space, in either direction', () => {
    const hall = { code: 'HALL', activities: ['high-voltage testing'], excludedActivities: [] };
    expect(separationBreaches({ activities: ['mass calibration'], excludedActivities: ['high-voltage testing'] }, [hall])).toEqual([
      'HALL performs excluded "high-voltage testing"',
    ]);
    expect(separationBreaches({ activities: ['mass calibration'], excludedActivities: [] }, [{ ...hall, excludedActivities: ['mass calibration'] }])).toEqual([
      '"mass calibration" is excluded by HALL',
    ]);
    expect(separationBreaches({ activities: ['mass calibration'], excludedActivities: ['vibration testing'] }, [hall])).toEqual([]);
  });

  it('R-5.4.3 admits only listed people to a controlled room', () => {
    expect(mayEnter({ accessList: ['u-1'] }, 'u-1')).toBe(true);
    expect(mayEnter({ accessList: ['u-1'] }, 'u-2')).toBe(false);
    expect(mayEnter({ accessList: [] }, 'u-2')).toBe(true);
  });
});
