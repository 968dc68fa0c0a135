/**
 * Notices that the process which launched this one has gone, on Linux, macOS and Windows alike, so
 * a station whose launcher was killed stops cleanly instead of running on as an orphan that keeps
 * the port and the data folder. (`kill -TERM` of `npm run station` ends npm and the shell npm runs
 * the script in; the shell does not pass the signal on, and the station below it is re-parented.)
 *
 * - Linux, macOS: an orphan is re-parented (to init or a subreaper), so `process.ppid` changes.
 * - Windows: `process.ppid` keeps the dead parent's id, so the parent is probed with signal 0.
 * - A launcher that started us with an IPC channel (scripts/start.ts): the channel closes when the
 *   launcher dies, however it dies.
 *
 * A process started by init, a service manager or a container runtime (parent id 0 or 1) is not
 * watched: there is no launcher to lose.
 */
export function watchLauncher(onGone: (description: string) => void, everyMs = 500): () => void {
  const launcher = process.ppid;
  let gone = false;
  const report = (description: string) => {
    if (gone) return;
    gone = true;
    stop();
    onGone(description);
  };
  const onDisconnect = () => report('its launcher closed the control channel');
  if (process.channel) process.once('disconnect', onDisconnect);
  const timer =
    launcher > 1
      ? setInterval(() => {
          if (process.ppid !== launcher || !alive(launcher)) report(`its launcher (pid ${launcher}) has gone`);
        }, everyMs)
      : null;
  timer?.unref();
  function stop(): void {
    if (timer) clearInterval(timer);
    process.off('disconnect', onDisconnect);
  }
  return stop;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
