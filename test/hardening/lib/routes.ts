/**
 * The station's HTTP routes as the source declares them: every `app.<method>('<path>'` in
 * src-main/http/*.ts, with the prefix its plugin is registered under (http/app.ts). The security
 * probes use it to prove that their table of non-public routes is complete: a route added later
 * without a probe fails the test instead of slipping through unchecked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../helpers/station.ts';

/** Route file → the prefix http/app.ts registers it under, and whether its routes are public. */
export const routeFiles: Record<string, { prefix: string; public: boolean }> = {
  'health-routes.ts': { prefix: '', public: true },
  'public-routes.ts': { prefix: '/api/v1', public: true },
  'page-routes.ts': { prefix: '', public: true },
  'ingest-routes.ts': { prefix: '/api/v1/ingest', public: false },
  'admin-routes.ts': { prefix: '/api/v1/admin', public: false },
  'station-routes.ts': { prefix: '/api/v1/admin', public: false },
  'screen-routes.ts': { prefix: '/api/v1/admin', public: false },
  'source-routes.ts': { prefix: '/api/v1/admin', public: false },
  'uplink-routes.ts': { prefix: '/api/v1/admin', public: false },
};

export interface DeclaredRoute {
  method: string;
  path: string;
  file: string;
  public: boolean;
}

const ROUTE = /\bapp\.(get|post|put|patch|delete)\s*(?:<[\s\S]*?>)?\(\s*'([^']+)'/g;

export function declaredRoutes(): DeclaredRoute[] {
  const out: DeclaredRoute[] = [];
  for (const [file, { prefix, public: isPublic }] of Object.entries(routeFiles)) {
    const source = readFileSync(join(projectRoot, 'src-main/http', file), 'utf8');
    for (const m of source.matchAll(ROUTE)) {
      out.push({ method: m[1].toUpperCase(), path: prefix + m[2], file, public: isPublic });
    }
  }
  return out;
}
