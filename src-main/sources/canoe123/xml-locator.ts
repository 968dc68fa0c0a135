/**
 * Where Canoe123 keeps its XML export on this computer, from Canoe123's own settings: on Windows
 * `%LOCALAPPDATA%\SIWIDATA\Canoe123.exe_Url_<id>\<version>\user.config` names the event file
 * (`CurrentEventFile`) and the folder it copies it to after each save (`AutoCopyFolder`). The copy
 * is offered first: Canoe123 holds the original open while writing, the copy is read safely.
 *
 * A hint for the dashboard's XML field, nothing more: it reads two settings out of a .NET settings
 * file (not a Canoe123 data format), returns only files that exist, and never throws. Elsewhere
 * than Windows there is no Canoe123, and it returns nothing.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, win32 } from 'node:path';

export interface LocatorEnv {
  platform: NodeJS.Platform;
  localAppData: string | undefined;
}

export async function findCanoe123Exports(env: LocatorEnv = { platform: process.platform, localAppData: process.env.LOCALAPPDATA }): Promise<string[]> {
  if (env.platform !== 'win32' || !env.localAppData) return [];
  const siwidata = join(env.localAppData, 'SIWIDATA');
  const configs: { path: string; mtime: number }[] = [];
  try {
    for (const app of await readdir(siwidata, { withFileTypes: true })) {
      if (!app.isDirectory() || !app.name.startsWith('Canoe123.exe_Url_')) continue;
      for (const version of await readdir(join(siwidata, app.name), { withFileTypes: true })) {
        if (!version.isDirectory() || !/^\d+\.\d+/.test(version.name)) continue;
        const path = join(siwidata, app.name, version.name, 'user.config');
        const s = await stat(path).catch(() => null);
        if (s) configs.push({ path, mtime: s.mtimeMs });
      }
    }
  } catch {
    return [];
  }
  configs.sort((a, b) => b.mtime - a.mtime);
  const out: string[] = [];
  for (const c of configs) {
    const text = await readFile(c.path, 'utf8').catch(() => '');
    const eventFile = setting(text, 'CurrentEventFile');
    const copyFolder = setting(text, 'AutoCopyFolder');
    const candidates = [eventFile && copyFolder ? joinLike(copyFolder, win32.basename(eventFile)) : null, eventFile];
    for (const p of candidates) if (p && !out.includes(p) && existsSync(p)) out.push(p);
  }
  return out;
}

/** `<setting name="X" …><value>…</value></setting>` of a .NET user.config. */
function setting(text: string, name: string): string | null {
  const m = new RegExp(`<setting\\s+name="${name}"[^>]*>\\s*<value>([^<]*)</value>`).exec(text);
  const v = m?.[1].trim();
  return v
    ? v
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
    : null;
}

/** Joins with the separator the folder itself uses (a Windows path stays a Windows path). */
function joinLike(folder: string, name: string): string {
  const sep = folder.includes('\\') ? '\\' : '/';
  return folder.endsWith(sep) ? folder + name : folder + sep + name;
}
