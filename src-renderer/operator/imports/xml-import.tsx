/**
 * XML import by hand: a drop zone and a file picker (the Electron open-file dialog when the
 * preload offers it, else an `<input type=file>`), with progress while the file is read, sent and
 * imported, then a summary of what changed, or the station's reason for refusing it.
 */
import { useRef, useState, type DragEvent } from 'react';
import { errorText } from '../lib/admin-client.ts';
import { useAdmin } from '../lib/admin-context.tsx';
import { bridge } from '../lib/bridge.ts';
import { changeText, isBusy, phaseFraction, phaseText, type ImportPhase } from './import-progress.ts';
import { readFileText } from './read-file.ts';
import { uploadXml } from './upload-xml.ts';

export function XmlImport({ eventId, disabled, onImported }: { eventId: string; disabled: boolean; onImported(): void }) {
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
      setPhase({ step: 'failed', file, message: errorText(err) });
    }
  };

  const importFile = async (file: File) => {
    setPhase({ step: 'reading', file: file.name, fraction: 0 });
    try {
      const text = await readFileText(file, (fraction) => setPhase({ step: 'reading', file: file.name, fraction }));
      await send(file.name, text);
    } catch (err) {
      setPhase({ step: 'failed', file: file.name, message: errorText(err) });
    }
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
      <h2 id="import-title">Import Canoe123 XML</h2>
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
        <p>Drop the Canoe123 XML export here, or</p>
        <button type="button" className="btn" onClick={() => void pick()} disabled={busy || disabled} data-testid="xml-pick">
          Choose XML file…
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
      {disabled && <p className="muted">The event is official: imports are closed.</p>}
      <div aria-live="polite" data-testid="import-status" data-step={phase.step}>
        {fraction !== null && <progress className="progress" max={1} value={fraction} aria-label="Import progress" />}
        {phase.step !== 'idle' && phase.step !== 'done' && phase.step !== 'failed' && <p>{phaseText(phase)}</p>}
        {phase.step === 'failed' && <p className="alert alert--error" role="alert" data-testid="import-error">{phaseText(phase)}</p>}
        {phase.step === 'done' && (
          <div className="alert alert--ok" data-testid="import-summary">
            <p><strong>{phaseText(phase)}</strong>: {changeText(phase.summary)}.</p>
            <p className="num">
              {phase.summary.imported.classes} classes · {phase.summary.imported.races} races · {phase.summary.imported.participants}{' '}
              participants · {phase.summary.imported.results} result rows · {phase.summary.imported.courses} courses
            </p>
          </div>
        )}
      </div>
    </section>
  );
}
