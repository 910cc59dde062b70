import { useTranslation } from 'react-i18next';
import { Badge } from './status';

/** Whole days from today to a date or instant; negative when past. */
export function daysUntil(when: string, now = new Date()): number {
  const target = when.length === 10 ? new Date(`${when}T23:59:59+08:00`) : new Date(when);
  return Math.floor((target.getTime() - now.getTime()) / 86_400_000);
}

/** A time-limit clock: how long is left, amber within `warnDays`, red once past. */
export function Clock({ due, warnDays = 7, done = false }: { due: string | null | undefined; warnDays?: number; done?: boolean }) {
  const { t } = useTranslation();
  if (!due) return <span className="muted">—</span>;
  if (done) return <Badge tone="ok">{t('clock.done')}</Badge>;
  const days = daysUntil(due);
  const tone = days < 0 ? 'bad' : days <= warnDays ? 'warn' : 'ok';
  return (
    <Badge tone={tone}>
      <span data-days={days}>{days < 0 ? t('clock.overdue', { count: -days }) : t('clock.left', { count: days })}</span>
    </Badge>
  );
}
