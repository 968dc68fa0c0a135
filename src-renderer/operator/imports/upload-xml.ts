/**
 * Sends an XML export to `POST /api/v1/admin/events/:id/xml` with upload progress. This is an
 * XMLHttpRequest on purpose: fetch reports no upload progress, and a multi-megabyte export over
 * the laptop's loopback still takes a visible moment once the station parses it. `onUploaded`
 * fires when the last byte left, i.e. when the station starts importing.
 */
import { API_BASE, ApiError } from '../../shared/api-client.ts';
import { authHeaders, toApiError, type Credentials } from '../../shared/api-client.ts';
import type { XmlImportSummary } from '@wire/admin.ts';

export interface UploadCallbacks {
  onProgress(fraction: number): void;
  onUploaded(): void;
}

export function uploadXml(eventId: string, xml: string, credentials: Credentials, cb: UploadCallbacks): Promise<XmlImportSummary> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}/admin/events/${encodeURIComponent(eventId)}/xml`);
    xhr.setRequestHeader('content-type', 'application/json');
    xhr.setRequestHeader('accept', 'application/json');
    for (const [k, v] of Object.entries(authHeaders(credentials))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) cb.onProgress(e.loaded / e.total);
    };
    xhr.upload.onload = () => cb.onUploaded();
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* handled below */
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) resolve(body as XmlImportSummary);
      else reject(toApiError(xhr.status, body, xhr.statusText || 'The station refused the file'));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NetworkError', 'Cannot reach the station'));
    xhr.send(JSON.stringify({ xml }));
  });
}
