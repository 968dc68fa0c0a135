/**
 * "Copy" next to a secret or a settings block. On success it says "Copied"; when the clipboard
 * is denied it selects the target element's text and says "press Ctrl+C" (in the dashboard's
 * language).
 */
import { useState, type RefObject } from 'react';
import { useOperatorI18n } from '../../shared/staff/i18n/use-operator-i18n.ts';
import { copyText, selectContents } from './copy-text.ts';

export function CopyButton({ text, target, label, testId }: { text: string; target: RefObject<HTMLElement | null>; label?: string; testId?: string }) {
  const { t } = useOperatorI18n();
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const onClick = async () => {
    const ok = await copyText(text);
    if (!ok) selectContents(target.current);
    setState(ok ? 'copied' : 'manual');
    setTimeout(() => setState('idle'), 2500);
  };
  return (
    <button type="button" className="btn btn--small" onClick={onClick} data-testid={testId} aria-live="polite">
      {state === 'copied' ? t('common.copied') : state === 'manual' ? t('common.copyManual') : (label ?? t('common.copy'))}
    </button>
  );
}
