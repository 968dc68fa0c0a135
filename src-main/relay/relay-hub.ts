/**
 * A relay's spectator hub: the station's rooms, caps, heartbeat and slow-socket cut-off
 * (live/spectator-hub.ts, live/room.ts) without its message building. The relay forwards the
 * writer's messages as they are (`forward`) and greets a joining socket with the event's `full`
 * from its copy, at the seq of the last message it forwarded and the writer's boot id, in the
 * hub's own format.
 */
import type { Settings } from '../settings.ts';
import { SpectatorHub, fullMessageText } from '../live/spectator-hub.ts';
import { textFrame } from '../live/room.ts';
import { DOC } from '../outlets/redis/layout.ts';
import type { RelayCopies } from './relay-source.ts';

export class RelayHub extends SpectatorHub {
  private readonly copies: RelayCopies;

  constructor(settings: Settings, copies: RelayCopies) {
    // The relay never publishes decided changes: it has no state to build messages from.
    super(settings, () => undefined, 'relay');
    this.copies = copies;
  }

  /** The last `full` frame greeted with, per event: a reconnect storm sends them all the same bytes. */
  private readonly frames = new Map<string, { data: string; seq: number; boot: string; frame: Buffer }>();

  protected override welcome(eventId: string): Buffer | null {
    const copy = this.copies.events.get(eventId);
    const data = copy?.json(DOC.full);
    if (!copy || data === undefined) {
      this.frames.delete(eventId);
      return null;
    }
    const kept = this.frames.get(eventId);
    if (kept && kept.data === data && kept.seq === copy.seq && kept.boot === copy.boot) return kept.frame;
    const frame = textFrame(fullMessageText(copy.seq, copy.bootField, data));
    this.frames.set(eventId, { data, seq: copy.seq, boot: copy.boot, frame });
    return frame;
  }
}
