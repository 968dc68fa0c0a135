/**
 * What the operator hands to c123-server: the event's ingest key (selectable, with a copy
 * button) and a ready-to-paste `live` block for `~/.c123-server/settings.json` pointing at the
 * station's LAN URL.
 */
import { useRef } from 'react';
import { CopyButton } from '../lib/copy-button.tsx';
import { useAdmin } from '../lib/admin-context.tsx';
import type { AdminEvent } from '@wire/admin.ts';
import { c123LiveSettingsBlock, stationServerUrl } from './c123-settings.ts';

export function IngestKeyPanel({ event }: { event: AdminEvent }) {
  const { station } = useAdmin();
  const keyRef = useRef<HTMLInputElement>(null);
  const blockRef = useRef<HTMLPreElement>(null);
  const serverUrl = stationServerUrl(station?.lanUrls ?? [], location.origin);
  const block = c123LiveSettingsBlock(serverUrl, event.apiKey, event.eventId);

  return (
    <section className="panel" aria-labelledby="key-title" data-testid="ingest-key-panel">
      <h2 id="key-title">c123-server connection</h2>
      <label className="field">
        <span>Ingest key (X-API-Key) for “{event.eventId}”</span>
        <span className="copyrow">
          <input
            ref={keyRef}
            className="mono"
            readOnly
            value={event.apiKey}
            onFocus={(e) => e.currentTarget.select()}
            data-testid="ingest-key"
          />
          <CopyButton text={event.apiKey} target={keyRef} testId="copy-key" />
        </span>
      </label>
      <p className="muted">
        Paste into <code>~/.c123-server/settings.json</code> on the timing PC (replacing its <code>"live"</code> section), then
        restart c123-server:
      </p>
      <pre ref={blockRef} className="codeblock" tabIndex={0} data-testid="c123-settings">{block}</pre>
      <CopyButton text={block} target={blockRef} label="Copy settings" testId="copy-settings" />
      {!station?.lanUrls.length && (
        <p className="alert alert--warn">
          The station found no LAN address; the block uses this page’s address. Use an address the timing PC can reach.
        </p>
      )}
    </section>
  );
}
