/**
 * XML import by hand: a drop zone and a file picker (the Electron open-file dialog when the
 * preload offers it, else an `<input type=file>`), with progress while the file is read, sent and
 * imported, then a summary of what changed, or the station's reason for refusing it. Below it,
 * the event's last import (from c123-server or by hand) as the station remembers it, restarts
 * included.
 */
import { useRef, useState, type DragEvent } from 'react';
import type { LastImport } from '@wire/admin.ts';
import { useOperatorI18n } from '../../shared/staff/i18n/use-operator-i18n.ts';
import { errorText } from '../../shared/staff/error-text.ts';
import { useAdmin } from '../lib/admin-context.tsx';
import { clockTime } from '../../shared/staff/relative-time.ts';
import { bridge } from '../lib/bridge.ts';
import { changeText, countsText, isBusy, phaseFraction, phaseText, type ImportPhase } from './import-progress.ts';
import { readFileText } from './read-file.ts';
import { uploadXml } from './upload-xml.ts';

export function XmlImport({
  eventId,
  disabled,
  lastImport,
  onImported,
}: {
  eventId: string;
  disabled: boolean;
  lastImport: LastImport | null;
  onImported(): void;
}) {
  const i18n = useOperatorI18n();
  const { t } = i18n;
  const { client } = useAdmin();
  const input = useRef<HTMLInputElement>(null);
  const [phase, setPhase] = useState<ImportPhase>({ step: 'idle' });
  const [over, setOver] = useState(false);
  const busy = isBusy(phase);

  const send = async (file: string, text: string) => {
    setPhase({ step: 'uploading', file, fraction: 0 });
    try {
      const summary = await uploadXml(eventId, text, client.credentials, {
        onProgress: (fraction) => setPhase({ step: 'uploading', file, fraction }),
        onUploaded: () => setPhase({ step: 'importing', file }),
      });
      setPhase({ step: 'done', file, summary });
      onImported();
    } catch (err) {
      setPhase({ step: 'failed', file, message: errorText(err, i18n) });
    }
  };

  const importFile = async (file: File) => {
    setPhase({ step: 'reading', file: file.name, fraction: 0 });
    let text: string;
    try {
      text = await readFileText(file, (fraction) => setPhase({ step: 'reading', file: file.name, fraction }));
    } catch {
      setPhase({ step: 'failed', file: file.name, message: t('import.readFailed') });
      return;
    }
    await send(file.name, text);
  };

  const pick = async () => {
    const b = bridge();
    if (!b) return input.current?.click();
    const picked = await b.openXmlFile();
    if (picked) await send(picked.name, picked.text);
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file && !busy && !disabled) void importFile(file);
  };

  const fraction = phaseFraction(phase);
  return (
    <section className="panel" aria-labelledby="import-title" data-testid="xml-import">
      <h2 id="import-title">{t('import.title')}</h2>
      <div
        className={over ? 'dropzone dropzone--over' : 'dropzone'}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="xml-dropzone"
      >
        <p>{t('import.drop')}</p>
        <button type="button" className="btn" onClick={() => void pick()} disabled={busy || disabled} data-testid="xml-pick">
          {t('import.choose')}
        </button>
        <input
          ref={input}
          className="sr-only"
          type="file"
          accept=".xml,text/xml,application/xml"
          tabIndex={-1}
          aria-hidden="true"
          data-testid="xml-file-input"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) void importFile(file);
          }}
        />
      </div>
      {disabled && <p className="muted">{t('import.closed')}</p>}
      <div aria-live="polite" data-testid="import-status" data-step={phase.step}>
        {fraction !== null && <progress className="progress" max={1} value={fraction} aria-label={t('import.progress')} />}
        {phase.step !== 'idle' && phase.step !== 'done' && phase.step !== 'failed' && <p>{phaseText(phase, i18n)}</p>}
        {phase.step === 'failed' && (
          <p className="alert alert--error" role="alert" data-testid="import-error">
            {phaseText(phase, i18n)}
          </p>
        )}
        {phase.step === 'done' && (
          <div className="alert alert--ok" data-testid="import-summary">
            <p>
              <strong>{phaseText(phase, i18n)}</strong>: {changeText(phase.summary, i18n)}.
            </p>
            <p className="num">{countsText(phase.summary, i18n)}</p>
          </div>
        )}
      </div>
      <p className="muted" data-testid="last-import">
        {lastImport ? (
          <>
            {t('import.last', { time: clockTime(lastImport.at), who: t(`actor.${lastImport.by}`) })} <span className="num">{countsText(lastImport, i18n)}</span>
          </>
        ) : (
          t('import.lastNone')
        )}
      </p>
    </section>
  );
}
