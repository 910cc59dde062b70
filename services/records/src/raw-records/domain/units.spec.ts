import { convert, sameQuantity } from './units';
import { addYears, labDate } from '@calchain/platform/calendar';

describe('unit conversion for the BMC and step checks', () => {
  it('converts between SI prefixes of one unit exactly, and nothing else', () => {
    expect(convert('0.000060', 'mm', 'µm')!.toString()).toBe('0.06');
    expect(convert('0.050', 'µm', 'mm')!.toString()).toBe('0.00005');
    expect(convert('1.5', 'kPa', 'Pa')!.toString()).toBe('1500');
    expect(convert('20', '°C', '°C')!.toString()).toBe('20');
    expect(convert('1', 'mm', 'g')).toBeNull();
    expect(sameQuantity('mg', 'kg')).toBe(true);
    expect(sameQuantity('%', 'mm')).toBe(false);
  });

  it('takes the day in the lab\'s calendar', () => {
    expect(labDate(new Date('2026-11-26T17:00:00Z'), 'Asia/Shanghai')).toBe('2026-11-27');
    expect(addYears('2026-11-26', 6)).toBe('2032-11-26');
  });
});
