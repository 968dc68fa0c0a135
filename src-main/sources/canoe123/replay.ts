/**
 * The replay source (demos, training, tests; SPEC §7): `npm run station -- --replay <recording>
 * --xml <export> [--speed N]`, or the dashboard's button with the bundled real recording.
 *
 * It does what an operator would, then lets the ordinary path run: creates (or reuses) the event
 * of the export's `EventId`, sets its timing source to direct Canoe123 at a local fake Canoe123
 * (fake-canoe123.ts) with the export as its watched XML file, waits for that import, makes the
 * event public, and plays the recording's TCP messages through the fake server into the real TCP
 * client — framing, readers, decisions and spectators' diffs all as on race day. When the
 * recording ends the connection is closed, so the source does not sit reconnecting to nothing.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { StationCore } from '../../station-core.ts';
import { StationError } from '../../station-core.ts';
import { parseCanoe123Xml } from '../../domain/canoe123/xml-export.ts';
import type { ReplayStatus } from '../../wire/sources.ts';
import { EVENT_ID_PATTERN } from '../../wire/params.ts';
import type { TimingSources } from '../timing-sources.ts';
import { FakeCanoe123 } from './fake-canoe123.ts';
import { readRecording } from './recording.ts';

export interface ReplayOptions {
  recordingPath: string;
  xmlPath: string;
  speed: number;
  /** Called once the last message was sent. */
  onFinished?: (status: ReplayStatus) => void;
}

export interface RunningReplay {
  eventId: string;
  fake: FakeCanoe123;
  status(): ReplayStatus;
  stop(): Promise<void>;
}

const MAX_SPEED = 1000;

export async function startReplay(core: StationCore, sources: TimingSources, opts: ReplayOptions): Promise<RunningReplay> {
  if (!(opts.speed > 0 && opts.speed <= MAX_SPEED))
    throw new StationError('InvalidRequest', `The replay speed must be above 0 and at most ${MAX_SPEED}, got ${opts.speed}`);
  const recordingPath = resolve(opts.recordingPath);
  const xmlPath = resolve(opts.xmlPath);
  const [recordingText, xmlText] = await Promise.all([
    readFile(recordingPath, 'utf8').catch((err: Error) => {
      throw new StationError('InvalidRequest', `Cannot read the recording ${recordingPath}: ${err.message}`);
    }),
    readFile(xmlPath, 'utf8').catch((err: Error) => {
      throw new StationError('InvalidRequest', `Cannot read the XML export ${xmlPath}: ${err.message}`);
    }),
  ]);
  const recording = readRecording(recordingText);
  if (!recording.ok) throw new StationError('InvalidRequest', recording.message);
  const parsed = parseCanoe123Xml(xmlText);
  if (!parsed.ok) throw new StationError('InvalidXml', parsed.message);
  const event = parsed.export.event;
  const eventId = event.eventId;
  if (!eventId || !new RegExp(EVENT_ID_PATTERN).test(eventId)) {
    throw new StationError('InvalidXml', `The export's EventId "${eventId ?? ''}" cannot be an event id (letters, digits, ".", "_", "-")`);
  }
  if (!core.get(eventId)) {
    core.createEvent({
      eventId,
      mainTitle: event.mainTitle ?? eventId,
      subTitle: event.subTitle,
      location: event.location,
      facility: event.facility,
      startDate: event.startDate,
      endDate: event.endDate,
      discipline: event.discipline,
    });
  }
  await sources.stopReplay(eventId);

  const fake = new FakeCanoe123();
  const { host, port } = await fake.listen(0, '127.0.0.1');
  const state = { speed: opts.speed, recording: recordingPath, stopped: false };
  const status = (): ReplayStatus => {
    const p = fake.progress();
    return { recording: state.recording, speed: state.speed, sent: p.sent, total: recording.messages.length, finished: p.finished };
  };
  const replay: RunningReplay = {
    eventId,
    fake,
    status,
    async stop() {
      if (state.stopped) return;
      state.stopped = true;
      await fake.close();
    },
  };
  sources.attachReplay(eventId, replay);
  await sources.set(eventId, { kind: 'canoe123', host, port, xmlPath }, true);

  // The structure first: the watched export is imported at once (or was already, unchanged).
  await sources.sourceOf(eventId)?.checkXmlNow();
  const current = core.get(eventId);
  if (!current?.hasXml) {
    await replay.stop();
    throw new StationError('InvalidXml', `The XML export ${xmlPath} could not be imported; see the activity log`);
  }
  if (current.status === 'draft') core.changeStatus(eventId, 'startlist', 'operator');
  await fake.waitForClient();
  core.activity.add(
    eventId,
    'info',
    `Replay: ${recording.messages.length} Canoe123 messages (${Math.round(recording.durationMs / 1000)} s) from ${recordingPath} at ${opts.speed}×`,
  );
  fake.play(recording.messages, opts.speed, () => {
    void sources.endReplay(eventId, fake.delivered).then(() => {
      const received = sources.sourceOf(eventId)?.framesReceived ?? 0;
      core.activity.add(eventId, 'info', `Replay finished: ${fake.delivered} messages sent, ${received} received`);
      opts.onFinished?.(status());
    });
  });
  return replay;
}
