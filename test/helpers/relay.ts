/**
 * A real relay in a child process (exactly what `npm run relay` runs) on a loopback port.
 * `kill()` is a `kill -9`; `pause()`/`resume()` stop and continue the process (SIGSTOP/SIGCONT),
 * which holds its Redis reads without closing anything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './station.ts';

export interface TestRelay {
  url: string;
  port: number;
  process: ChildProcess;
  output: string[];
  stop(): Promise<number | null>;
  kill(): Promise<void>;
  pause(): void;
  resume(): void;
  cleanup(): Promise<void>;
}

export async function startTestRelay(redisUrl: string, opts: { args?: string[]; env?: Record<string, string> } = {}): Promise<TestRelay> {
  const child = spawn(
    process.execPath,
    [join(projectRoot, 'src-main/relay-cli.ts'), '--redis', redisUrl, '--host', '127.0.0.1', '--port', '0', ...(opts.args ?? [])],
    { cwd: projectRoot, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay did not start:\n${output.join('')}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      output.push(d.toString());
      const m = /Raceside relay listening on http:\/\/[^:]+:(\d+)/.exec(output.join(''));
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`relay exited with ${code}:\n${output.join('')}`));
    });
  });
  const exited = () =>
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve(child.exitCode)
      : new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    process: child,
    output,
    async stop() {
      child.kill('SIGTERM');
      return exited();
    },
    async kill() {
      child.kill('SIGKILL');
      await exited();
    },
    pause: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
    async cleanup() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGCONT');
        child.kill('SIGKILL');
        await exited();
      }
    },
  };
}

/**
 * Every public answer of an event: the list, the event, categories, on-course, the image, and for
 * each race its start list and its results, plain and detailed, whole and per category.
 */
export async function publicPaths(server: { url: string }, eventId: string): Promise<string[]> {
  const base = `/api/v1/events/${encodeURIComponent(eventId)}`;
  const event = (await (await fetch(server.url + base)).json()) as { event: { imageUrl: string | null }; races: { raceId: string }[] };
  const paths = ['/api/v1/events', base, `${base}/categories`, `${base}/oncourse`, `${base}/image`];
  if (event.event.imageUrl) paths.push(event.event.imageUrl);
  for (const { raceId } of event.races) {
    const r = `${base}/results/${encodeURIComponent(raceId)}`;
    const rows = ((await (await fetch(`${server.url}${r}?detailed=true`)).json()) as { results: { catId: string | null }[] }).results;
    paths.push(`${base}/startlist/${encodeURIComponent(raceId)}`, r, `${r}?detailed=true`);
    for (const cat of new Set(rows.map((x) => x.catId))) {
      if (cat) paths.push(`${r}?catId=${encodeURIComponent(cat)}`, `${r}?catId=${encodeURIComponent(cat)}&detailed=true`);
    }
  }
  return paths;
}

/** The paths whose answers (status, content type, body bytes) differ between two servers. */
export async function differentAnswers(a: { url: string }, b: { url: string }, paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const get = async (s: { url: string }, p: string) => {
    const res = await fetch(s.url + p);
    return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
  };
  for (let i = 0; i < paths.length; i += 8) {
    await Promise.all(
      paths.slice(i, i + 8).map(async (p) => {
        const [x, y] = await Promise.all([get(a, p), get(b, p)]);
        if (x.status !== y.status || x.type !== y.type || !x.body.equals(y.body)) {
          out.push(`${p}: ${x.status} ${x.body.length} B vs ${y.status} ${y.body.length} B`);
        }
      }),
    );
  }
  return out;
}
