import { describe, expect, it } from 'vitest';
import { decideStatusChange, ingestRejection, transitions, validNextStates } from '../../../src-main/domain/event-lifecycle.ts';
import { newEvent } from '../../../src-main/domain/event-admin.ts';
import { eventStatuses, type EventStatus } from '../../../src-main/wire/api.ts';
import type { Actor } from '../../../src-main/domain/model.ts';

const meta = { eventId: 'e', mainTitle: 'E', subTitle: null, location: null, facility: null, startDate: null, endDate: null, discipline: null };
const at = (status: EventStatus) => ({ ...newEvent(meta, 'k', 'xml-structure-live-results', 'T0'), status });

describe('event lifecycle', () => {
  it('allows exactly the reference transitions, one step at a time, for operator and officials', () => {
    for (const actor of ['operator', 'official'] as Actor[]) {
      for (const from of eventStatuses) {
        for (const to of eventStatuses) {
          if (from === to) continue;
          const d = decideStatusChange(at(from), to, actor, 'T1');
          expect(d.ok, `${actor} ${from}→${to}`).toBe(transitions[from].includes(to));
        }
      }
    }
  });

  it('lets the ingest key jump forward as a chain of steps, recorded one by one', () => {
    const d = decideStatusChange(at('draft'), 'running', 'ingest', 'T1');
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.state.status).toBe('running');
    expect(d.state.history).toEqual([
      { from: 'draft', to: 'startlist', at: 'T1', by: 'ingest' },
      { from: 'startlist', to: 'running', at: 'T1', by: 'ingest' },
    ]);
    expect(d.result).toEqual({ previousStatus: 'draft', status: 'running', statusChangedAt: 'T1' });
  });

  it('never lets the ingest key set official', () => {
    const d = decideStatusChange(at('finished'), 'official', 'ingest', 'T1');
    expect(d).toMatchObject({ ok: false, error: 'Forbidden', detail: { currentStatus: 'finished' } });
    expect(validNextStates('finished', 'ingest')).toEqual(['running']);
  });

  it('refuses backward jumps and explains the valid transitions', () => {
    const d = decideStatusChange(at('running'), 'draft', 'operator', 'T1');
    expect(d).toMatchObject({
      ok: false,
      error: 'InvalidTransition',
      detail: { currentStatus: 'running', requestedStatus: 'draft', validTransitions: ['finished'] },
    });
    if (!d.ok) expect(d.message).toBe("Cannot transition from 'running' to 'draft'. Valid transitions: finished");
    const off = decideStatusChange(at('official'), 'running', 'operator', 'T1');
    if (!off.ok) expect(off.message).toMatch(/Valid transitions: none/);
  });

  it('answers a repeated status as a no-op (c123-server re-sends it)', () => {
    const d = decideStatusChange(at('running'), 'running', 'ingest', 'T1');
    expect(d).toMatchObject({ ok: true, changes: [], result: { previousStatus: 'running', status: 'running', statusChangedAt: 'T0' } });
  });

  it('guards ingest by state as the reference does', () => {
    expect(ingestRejection('draft', 'xml')).toBeNull();
    expect(ingestRejection('official', 'xml')).toMatch(/'xml' not accepted in 'official'/);
    expect(ingestRejection('startlist', 'results')).toMatch(/json_results/);
    expect(ingestRejection('finished', 'results')).toBeNull();
    expect(ingestRejection('finished', 'oncourse')).not.toBeNull();
    expect(ingestRejection('running', 'oncourse')).toBeNull();
  });
});
