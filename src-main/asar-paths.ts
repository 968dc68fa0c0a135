/**
 * Where the packaged app keeps the files it must not load from inside `app.asar`
 * (electron-builder.yml): the renderer build, served as plain files from `app.asar.unpacked`
 * (`asarUnpack`), and a plain copy of the XML parse worker with what it imports in `parse-worker`
 * (`extraResources`), because a worker thread is started from a file and Node's loader cannot read
 * an ES module from inside an asar archive. The main process keeps loading its own copies from the
 * archive. In the package the code runs from `…/resources/app.asar/…`; those files sit at the same
 * relative path under `…/resources/<folder>/…`. From the sources or a plain build the path comes
 * back unchanged.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function outsideArchive(path: string, folder: 'app.asar.unpacked' | 'parse-worker'): string {
  return path.replace(/([\\/])app\.asar([\\/])/, `$1${folder}$2`);
}

/** The built pages (dist-renderer) beside the sources, outside the archive when packaged; null when not built. */
export function defaultPagesRoot(): string | null {
  const root = outsideArchive(fileURLToPath(new URL('../dist-renderer', import.meta.url)), 'app.asar.unpacked');
  return existsSync(root) ? root : null;
}
