/**
 * What the operator hands to c123-server: the event's ingest key (selectable, with a copy
 * button) and a ready-to-paste `live` block for `~/.c123-server/settings.json` pointing at the
 * station's LAN URL.
 */
import { useRef } from 'react';
import type { AdminEvent } from '@wire/admin.ts';
import { fillNodes } from '../../shared/staff/i18n/fill-nodes.tsx';
import { useOperatorI18n } from '../../shared/staff/i18n/use-operator-i18n.ts';
import { useAdmin } from '../lib/admin-context.tsx';
import { CopyButton } from '../lib/copy-button.tsx';
import { LoopbackWarning } from '../lan/loopback-warning.tsx';
import { c123LiveSettingsBlock, stationServerUrl } from './c123-settings.ts';

export function IngestKeyPanel({ event }: { event: AdminEvent }) {
  const { t } = useOperatorI18n();
  const { station } = useAdmin();
  const keyRef = useRef<HTMLInputElement>(null);
  const blockRef = useRef<HTMLPreElement>(null);
  const serverUrl = stationServerUrl(station?.lanUrls ?? [], location.origin);
  const block = c123LiveSettingsBlock(serverUrl, event.apiKey, event.eventId);

  return (
    <section className="panel" aria-labelledby="key-title" data-testid="ingest-key-panel">
      <h2 id="key-title">{t('key.title')}</h2>
      <label className="field">
        <span>{t('key.label', { id: event.eventId })}</span>
        <span className="copyrow">
          <input ref={keyRef} className="mono" readOnly value={event.apiKey} onFocus={(e) => e.currentTarget.select()} data-testid="ingest-key" />
          <CopyButton text={event.apiKey} target={keyRef} testId="copy-key" />
        </span>
      </label>
      <p className="muted">{fillNodes(t('key.paste'), { file: <code>~/.c123-server/settings.json</code>, section: <code>"live"</code> })}</p>
      <pre ref={blockRef} className="codeblock" tabIndex={0} data-testid="c123-settings">
        {block}
      </pre>
      <CopyButton text={block} target={blockRef} label={t('key.copySettings')} testId="copy-settings" />
      {!station?.lanUrls.length && <p className="alert alert--warn">{t('key.noLan')}</p>}
      <LoopbackWarning />
    </section>
  );
}
