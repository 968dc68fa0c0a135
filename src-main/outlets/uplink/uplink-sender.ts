/**
 * One event's uplink at work: a loop that takes the head of the outbox (next-job.ts), sends it
 * (target-client.ts), and settles, retries, pauses or parks it by the answer. One request at a
 * time per event, so the target sees changes in the order the station committed them. The
 * on-course list goes in between, from memory, at most one snapshot per interval, only while the
 * target is running and has nothing ahead of it that it depends on.
 *
 * It keeps the live numbers the dashboard shows (state, last success, last error, bytes); what
 * must survive a restart (the queue, the pause, the target's status, refused items) is in the
 * outbox. It never decides what is queued and never changes the station's state.
 */
import type { EventStatus } from '../../wire/api.ts';
import { eventStatuses } from '../../wire/api.ts';
import type { UplinkError } from '../../wire/uplink.ts';
import type { EventState } from '../../domain/model.ts';
import type { Settings } from '../../settings.ts';
import { liveRowItems } from './outbox-items.ts';
import type { OutboxItem, StoredTarget, UplinkOutbox } from './outbox.ts';
import { nextJob, statusPath, type Job } from './next-job.ts';
import { onCourseInputs } from './payloads.ts';
import { backoffMs } from './retry-policy.ts';
import { sendToTarget, uplinkError, type Outcome, type TargetRequest } from './target-client.ts';

export interface SenderHost {
  outbox: UplinkOutbox;
  settings: Settings;
  now(): number;
  random(): number;
  target(eventId: string): StoredTarget | undefined;
  state(eventId: string): EventState | undefined;
  liveRows(eventId: string): Set<string>;
  /** The raw export to send: the latest this station imported (memory first, then the outbox). */
  xml(eventId: string): string | null;
  /** The target was paused (or resumed): persist and tell the operator. */
  paused(eventId: string, error: UplinkError): void;
  log(eventId: string, level: 'info' | 'warn', message: string): void;
  /** The request function (tests may wrap it); defaults to sendToTarget. */
  send?: typeof sendToTarget;
}

/** A status walk gives up after this many steps that did not reach the step's target. */
const MAX_WALK = 6;

export class UplinkSender {
  readonly eventId: string;
  failures = 0;
  lastSuccessAt: number | null = null;
  lastError: UplinkError | null = null;
  bytesSent = 0;
  requestsSent = 0;
  /** The head is the XML, but no raw export is at hand (restarted since the last import). */
  waitingForXml = false;

  private readonly host: SenderHost;
  private retryAt = 0;
  private onCourseVersion = 0;
  private onCourseSentVersion = 0;
  private lastOnCourseAt = 0;
  private walked = 0;
  private closed = false;
  private wake: (() => void) | null = null;
  private readonly closing = new AbortController();
  private loop: Promise<void> | null = null;

  constructor(eventId: string, host: SenderHost) {
    this.eventId = eventId;
    this.host = host;
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Something was committed (or the settings changed): look at the outbox again. */
  notify(): void {
    this.wake?.();
  }

  onCourseChanged(): void {
    this.onCourseVersion++;
    this.notify();
  }

  /** The operator saved the settings: forget the backoff and try at once. */
  reset(fresh: boolean): void {
    this.failures = 0;
    this.retryAt = 0;
    this.walked = 0;
    if (fresh) {
      this.lastError = null;
      this.lastSuccessAt = null;
      this.onCourseSentVersion = -1;
    }
    this.notify();
  }

  get retrying(): boolean {
    return this.failures > 0;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.closing.abort();
    this.notify();
    await this.loop;
  }

  // ---- the loop ------------------------------------------------------------------------------

  private async run(): Promise<void> {
    while (!this.closed) {
      try {
        const wait = await this.turn();
        if (wait !== 0) await this.sleep(wait);
      } catch (err) {
        // A bug must not end the loop: note it, wait, try again.
        this.lastError = uplinkError('network', null, (err as Error).message, this.host.now(), `The uplink failed: ${(err as Error).message}`);
        this.failures++;
        await this.sleep(this.host.settings.uplinkRetryMaxMs);
      }
    }
  }

  /** Does one thing; answers how long to wait before the next turn (null: until notified). */
  private async turn(): Promise<number | null> {
    const target = this.host.target(this.eventId);
    const state = this.host.state(this.eventId);
    if (!target || !target.enabled || target.paused || !state) return null;
    const now = this.host.now();
    if (this.retryAt > now) return this.retryAt - now;

    const s = this.host.settings;
    const items = this.host.outbox.pending(this.eventId, s.uplinkBatchRows + 1);
    const head = items[0];
    let onCourseWait: number | null = null;
    if (
      this.onCourseVersion !== this.onCourseSentVersion &&
      (!head || head.kind === 'row') &&
      target.remoteStatus === 'running' &&
      state.status === 'running' &&
      state.hasXml
    ) {
      const due = this.lastOnCourseAt + s.uplinkOnCourseIntervalMs - now;
      if (due <= 0) {
        await this.sendOnCourse(target, state);
        return 0;
      }
      onCourseWait = due;
    }

    const job = nextJob(items, {
      state,
      remoteStatus: target.remoteStatus,
      dialect: target.dialect,
      liveRows: this.host.liveRows(this.eventId),
      batchRows: s.uplinkBatchRows,
      xml: () => this.host.xml(this.eventId),
    });
    this.waitingForXml = job?.kind === 'waitXml';
    if (!job || job.kind === 'waitXml') return onCourseWait;
    if (job.kind === 'settle') {
      this.host.outbox.settle(this.eventId, { done: job.items }, now);
      return 0;
    }
    await this.sendJob(target, state, job);
    return 0;
  }

  private async sendJob(target: StoredTarget, state: EventState, job: Exclude<Job, { kind: 'settle' | 'waitXml' }>): Promise<void> {
    const s = this.host.settings;
    if (job.kind === 'xml') {
      // After a failure, a tiny health check first: a dead 4G link must not eat 3 MB per attempt.
      if (this.failures > 0) {
        const probe = await this.request(target, 'GET', '/health', null, s.uplinkTimeoutMs);
        if (probe.kind !== 'ok') return this.failed(probe, null, [], 'health check');
      }
      const outcome = await this.request(target, 'POST', '/api/v1/ingest/xml', JSON.stringify({ xml: job.xml }), s.uplinkXmlTimeoutMs);
      if (outcome.kind !== 'ok') return this.failed(outcome, 'xml', job.items, 'XML export');
      const dialect = outcome.body.changed !== undefined ? 'raceside' : 'c123-live-mini';
      target.dialect = dialect;
      // c123-live-mini writes every row from the XML: the live values go up again after it.
      this.host.outbox.settle(this.eventId, { done: job.items, dialect, requeue: dialect === 'c123-live-mini' ? liveRowItems(state) : [] }, this.host.now());
      return;
    }
    if (job.kind === 'results') {
      const outcome = await this.request(target, 'POST', '/api/v1/ingest/results', JSON.stringify({ results: job.rows }), s.uplinkTimeoutMs);
      if (outcome.kind === 'ok' && outcome.body.ignored === true) {
        return this.failed(
          { kind: 'refuse', error: uplinkError('ignored', 200, null, this.host.now()), body: outcome.body },
          'results',
          job.items,
          describeRows(job.keys),
        );
      }
      if (outcome.kind !== 'ok') return this.failed(outcome, 'results', job.items, describeRows(job.keys));
      const live = this.host.liveRows(this.eventId);
      for (const k of job.keys) live.add(k);
      this.host.outbox.settle(this.eventId, { done: job.items, liveRows: job.keys }, this.host.now());
      return;
    }
    // A status step, walked one valid step at a time.
    const path = `/api/v1/admin/events/${encodeURIComponent(target.remoteEventId)}/status`;
    const outcome = await this.request(target, 'PATCH', path, JSON.stringify({ status: job.send }), s.uplinkTimeoutMs);
    const label = `${job.step.from ?? '…'} → ${job.step.to}`;
    if (outcome.kind === 'ok') {
      const now = statusOf(outcome.body.status) ?? job.send;
      return this.walkedTo(target, job, now);
    }
    const current = outcome.kind === 'refuse' ? statusOf(outcome.body?.currentStatus) : null;
    if (current && (current === job.step.to || (statusPath(current, job.step.to) && this.walked < MAX_WALK))) {
      // The target was elsewhere than we thought (a re-sent step, a fresh target): walk from there.
      this.failures = 0;
      return this.walkedTo(target, job, current);
    }
    // 403 here is a Raceside target refusing `official` to an ingest key: that step, not the uplink.
    if (outcome.kind === 'pause' && outcome.error.reason === 'forbidden') {
      return this.failed({ kind: 'refuse', error: outcome.error, body: null }, 'status', job.items, label);
    }
    return this.failed(outcome, 'status', job.items, label);
  }

  private walkedTo(target: StoredTarget, job: Extract<Job, { kind: 'status' }>, status: EventStatus): void {
    target.remoteStatus = status;
    const reached = status === job.step.to;
    this.walked = reached ? 0 : this.walked + 1;
    this.host.outbox.settle(this.eventId, { done: reached ? job.items : [], remoteStatus: status }, this.host.now());
    if (!reached && this.walked >= MAX_WALK) {
      this.failed(
        { kind: 'refuse', error: uplinkError('refused', null, `could not walk from ${status} to ${job.step.to}`, this.host.now()), body: null },
        'status',
        job.items,
        `${job.step.from ?? '…'} → ${job.step.to}`,
      );
    }
  }

  private async sendOnCourse(target: StoredTarget, state: EventState): Promise<void> {
    const version = this.onCourseVersion;
    this.lastOnCourseAt = this.host.now();
    const outcome = await this.request(
      target,
      'POST',
      '/api/v1/ingest/oncourse',
      JSON.stringify({ oncourse: onCourseInputs(state) }),
      this.host.settings.uplinkTimeoutMs,
    );
    if (outcome.kind === 'ok' || outcome.kind === 'refuse' || (outcome.kind === 'pause' && outcome.error.reason === 'forbidden')) {
      // On-course is fleeting: a snapshot the target would not take is dropped, never queued.
      this.onCourseSentVersion = version;
      if (outcome.kind !== 'ok') this.lastError = outcome.error;
      return;
    }
    this.failed(outcome, null, [], 'on-course list');
  }

  private async request(target: StoredTarget, method: TargetRequest['method'], path: string, body: string | null, timeoutMs: number): Promise<Outcome> {
    const send = this.host.send ?? sendToTarget;
    const sent = await send({ baseUrl: target.url, method, path, apiKey: target.apiKey, body, timeoutMs, signal: this.closing.signal }, () => this.host.now());
    this.bytesSent += sent.bytes;
    this.requestsSent++;
    if (sent.outcome.kind === 'ok') {
      if (this.failures > 0)
        this.host.log(this.eventId, 'info', `Uplink: the target answers again after ${this.failures} failed attempt${this.failures === 1 ? '' : 's'}.`);
      this.failures = 0;
      this.lastSuccessAt = this.host.now();
    }
    return sent.outcome;
  }

  private failed(outcome: Exclude<Outcome, { kind: 'ok' }>, kind: 'xml' | 'results' | 'status' | null, items: OutboxItem[], label: string): void {
    if (this.closed) return;
    this.lastError = outcome.error;
    if (outcome.kind === 'retry') {
      if (this.failures === 0) this.host.log(this.eventId, 'warn', `Uplink: ${outcome.error.message} Retrying with backoff.`);
      this.failures++;
      const s = this.host.settings;
      this.retryAt = this.host.now() + (outcome.retryAfterMs ?? backoffMs(this.failures, s.uplinkRetryBaseMs, s.uplinkRetryMaxMs, () => this.host.random()));
      return;
    }
    this.failures = 0;
    if (outcome.kind === 'pause') {
      this.host.paused(this.eventId, outcome.error);
      return;
    }
    if (kind && items.length) {
      this.host.outbox.park(this.eventId, kind, items, outcome.error);
      this.host.log(this.eventId, 'warn', `Uplink: ${label} refused and set aside: ${outcome.error.message}`);
    }
  }

  private sleep(ms: number | null): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = ms === null ? null : setTimeout(done, Math.max(1, ms));
      timer?.unref();
      function done() {
        if (timer) clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }
}

function statusOf(value: unknown): EventStatus | null {
  return typeof value === 'string' && (eventStatuses as readonly string[]).includes(value) ? (value as EventStatus) : null;
}

function describeRows(keys: readonly string[]): string {
  const races = new Map<string, number>();
  for (const k of keys) {
    const race = k.slice(0, k.indexOf('\t'));
    races.set(race, (races.get(race) ?? 0) + 1);
  }
  return [...races].map(([race, n]) => `${race} (${n} row${n === 1 ? '' : 's'})`).join(', ') || 'results';
}
