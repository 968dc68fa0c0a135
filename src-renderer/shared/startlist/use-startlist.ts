/**
 * The startlist of a round (both runs of a best-run pair), fetched when the view opens and again
 * on every reload of the live store. The previous list stays visible while a new one loads.
 */
import { useEffect, useState } from 'react';
import { isAbort } from '../api-client.ts';
import { getStartlist } from './get-startlist.ts';
import { mergeStartlists, type StartRow } from './merge-startlists.ts';

export function useStartlist(eventId: string, raceIds: readonly string[], synced: boolean, reloadToken: number) {
  const key = raceIds.join(',');
  const [data, setData] = useState<{ key: string; rows: StartRow[] } | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!synced || !key) return;
    const ctrl = new AbortController();
    Promise.all(key.split(',').map((id) => getStartlist(eventId, id, ctrl.signal))).then(
      (answers) => {
        setData({ key, rows: mergeStartlists(answers.map((a) => a.startlist)) });
        setFailed(false);
      },
      (err) => {
        if (!isAbort(err)) setFailed(true);
      },
    );
    return () => ctrl.abort();
  }, [eventId, key, synced, reloadToken]);

  return { rows: data?.rows ?? [], stale: !!data && data.key !== key, loading: !data || data.key !== key, failed };
}
