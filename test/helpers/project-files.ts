/**
 * The project's own files (paths relative to its root, with `/`): git's list where this is a
 * checkout, else the tree without dependencies and build output (as in a copy made by `.ci/run`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { projectRoot } from './station.ts';

const SKIP = new Set(['node_modules', '.git', 'dist', 'dist-main', 'dist-renderer', 'test-output']);

export function projectFiles(): string[] {
  const git = spawnSync('git', ['ls-files', '-z'], { cwd: projectRoot, encoding: 'utf8' });
  if (git.status === 0 && git.stdout.length > 0) return git.stdout.split('\0').filter((f) => f && existsSync(join(projectRoot, f)));
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      SKIP.has(e.name) ? [] : e.isDirectory() ? walk(join(dir, e.name)) : [relative(projectRoot, join(dir, e.name)).split(sep).join('/')],
    );
  return walk(projectRoot);
}
