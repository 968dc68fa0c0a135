/**
 * Loaded into a bench's child process (`NODE_OPTIONS=--import <this file>`, the folder in
 * `RACESIDE_BENCH_CPU_DIR`): writes the process's CPU time used (user + system, ms) to
 * `<dir>/<pid>.cpu` every 50 ms, so the bench can tell each process's CPU without reading an
 * operating system's process table. Bench only; never part of the product.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.RACESIDE_BENCH_CPU_DIR;
if (dir) {
  const file = join(dir, `${process.pid}.cpu`);
  const write = () => {
    const { user, system } = process.cpuUsage();
    try {
      writeFileSync(file, String((user + system) / 1000));
    } catch {
      // The bench removed its folder: it is over.
    }
  };
  write();
  setInterval(write, 50).unref();
}
