import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { ItemIntake } from './return-checklist';
import { ContractItem } from './types';

/**
 * the item's label, printed on its own: while it is shown the page's print style hides
 * everything else (`body.printing-label`), so the label printer gets only the label, not the page.
 */
export function LabelSheet({ intake, item, contractNumber, onDone }: { intake: Pick<ItemIntake, 'label' | 'receivedAt'>; item: ContractItem; contractNumber: string; onDone: () => void }) {
  const { t } = useTranslation();
  const finish = useRef(onDone);
  finish.current = onDone;
  useEffect(() => {
    document.body.classList.add('printing-label');
    let finished = false;
    const done = () => {
      if (finished) return;
      finished = true;
      document.body.classList.remove('printing-label');
      finish.current();
    };
    window.addEventListener('afterprint', done);
    // After the portal is painted; print() returns when the dialog closes (or at once, headless).
    const timer = window.setTimeout(() => {
      window.print();
      done();
    }, 50);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('afterprint', done);
      document.body.classList.remove('printing-label');
    };
  }, []);
  return createPortal(
    <div className="label-sheet" data-testid="label-sheet">
      <div className="label-number">{intake.label}</div>
      <div>{item.instrumentType}{item.serialNumber ? ` · ${item.serialNumber}` : ''}</div>
      <div>{t('window.contract')} {contractNumber} · {item.methodCode}</div>
      <div>{t('window.receivedOn', { date: new Date(intake.receivedAt).toLocaleDateString() })}</div>
    </div>,
    document.body,
  );
}
