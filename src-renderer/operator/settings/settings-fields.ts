/**
 * The station settings form as plain data: the values shown (durations in seconds, because
 * "30" reads better than "30000"), and the patch sent (milliseconds, only what changed), with a
 * message key per invalid field. The limits are the station's own, read from its schema
 * (wire/admin.ts `settingsPatchSchema`). Pure.
 */
import { mergeStrategies, type MergeStrategy } from '@wire/api.ts';
import { OFFICIALS_PIN_PATTERN, settingsPatchSchema, type SettingsPatch, type StationSettings } from '@wire/admin.ts';
import type { OperatorKey } from '../../shared/staff/i18n/messages-en.ts';

export interface SettingsValues {
  port: string;
  maxConnectionsPerEvent: string;
  maxConnectionsPerAddress: string;
  heartbeatS: string;
  heartbeatTimeoutS: string;
  officialGraceS: string;
  defaultMergeStrategy: MergeStrategy;
}

/** Per invalid field, the message key that says what is allowed. */
export type SettingsErrors = Partial<Record<keyof SettingsValues, OperatorKey>>;

const seconds = (ms: number) => String(ms / 1000);

export function settingsValues(s: StationSettings): SettingsValues {
  return {
    port: String(s.port),
    maxConnectionsPerEvent: String(s.maxConnectionsPerEvent),
    maxConnectionsPerAddress: String(s.maxConnectionsPerAddress),
    heartbeatS: seconds(s.heartbeatMs),
    heartbeatTimeoutS: seconds(s.heartbeatTimeoutMs),
    officialGraceS: seconds(s.officialGraceMs),
    defaultMergeStrategy: s.defaultMergeStrategy,
  };
}

/** The station's limits of one setting. */
type Limits = { minimum: number; maximum: number };
const limits = settingsPatchSchema.properties;

function int(text: string, { minimum, maximum }: Limits): number | null {
  if (!/^\d+$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n >= minimum && n <= maximum ? n : null;
}

/** Seconds as typed (a decimal comma allowed) to milliseconds within the setting's limits. */
function ms(text: string, { minimum, maximum }: Limits): number | null {
  const t = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  const n = Math.round(Number(t) * 1000);
  return n >= minimum && n <= maximum ? n : null;
}

/** The patch for what changed against `current`, or the errors. */
export function settingsPatch(v: SettingsValues, current: StationSettings): { patch: SettingsPatch; errors: SettingsErrors } {
  const errors: SettingsErrors = {};
  const patch: SettingsPatch = {};
  // Left as it was, the port is not checked: a station started with `--port 0` reports 0.
  const port = v.port.trim() === String(current.port) ? current.port : int(v.port, limits.port);
  if (port === null) errors.port = 'settings.err.port';
  else if (port !== current.port) patch.port = port;
  const max = int(v.maxConnectionsPerEvent, limits.maxConnectionsPerEvent);
  if (max === null) errors.maxConnectionsPerEvent = 'settings.err.maxConnections';
  else if (max !== current.maxConnectionsPerEvent) patch.maxConnectionsPerEvent = max;
  const perAddress = int(v.maxConnectionsPerAddress, limits.maxConnectionsPerAddress);
  if (perAddress === null) errors.maxConnectionsPerAddress = 'settings.err.maxConnections';
  else if (perAddress !== current.maxConnectionsPerAddress) patch.maxConnectionsPerAddress = perAddress;
  const hb = ms(v.heartbeatS, limits.heartbeatMs);
  if (hb === null) errors.heartbeatS = 'settings.err.heartbeat';
  else if (hb !== current.heartbeatMs) patch.heartbeatMs = hb;
  const hbt = ms(v.heartbeatTimeoutS, limits.heartbeatTimeoutMs);
  if (hbt === null) errors.heartbeatTimeoutS = 'settings.err.heartbeatTimeout';
  else if (hbt !== current.heartbeatTimeoutMs) patch.heartbeatTimeoutMs = hbt;
  const grace = ms(v.officialGraceS, limits.officialGraceMs);
  if (grace === null) errors.officialGraceS = 'settings.err.grace';
  else if (grace !== current.officialGraceMs) patch.officialGraceMs = grace;
  if (!mergeStrategies.includes(v.defaultMergeStrategy)) errors.defaultMergeStrategy = 'settings.err.strategy';
  else if (v.defaultMergeStrategy !== current.defaultMergeStrategy) patch.defaultMergeStrategy = v.defaultMergeStrategy;
  return { patch, errors };
}

const PIN = new RegExp(OFFICIALS_PIN_PATTERN);

/** An officials PIN is 6 to 12 digits (the station's own pattern). */
export function isValidPin(pin: string): boolean {
  return PIN.test(pin);
}
