/**
 * Where the packaged app keeps the files it must not load from inside `app.asar`
 * (electron-builder.yml `asarUnpack`): the XML parse worker with its imports (a worker thread
 * cannot load an ES module from inside an asar archive) and the renderer build (served as plain
 * files). In the package the code runs from `…/resources/app.asar/…`; those files sit at the same
 * relative path under `…/resources/app.asar.unpacked/…`. From the sources or a plain build the path
 * comes back unchanged.
 */
export function unpackedPath(path: string): string {
  return path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}
