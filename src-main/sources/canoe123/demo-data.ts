/**
 * Where the bundled real recording lives (the project's test/fixtures/real/, provenance and
 * licence in its SOURCES.md): 247 s of Canoe123's TCP stream at "Jarní slalomy 2024" and the XML
 * export of the same event, for the dashboard's replay button (demos, training). Resolved from
 * this file, the same three folders up from src-main/ and from the compiled dist-main/; an
 * installation without them says so on the dashboard instead of offering the button.
 */
import { fileURLToPath } from 'node:url';

const real = (name: string) => fileURLToPath(new URL(`../../../test/fixtures/real/${name}`, import.meta.url));

export const demoRecordingPath = real('c123-recording_rec-2025-12-28T09-34-10.jsonl');
export const demoXmlPath = real('c123-xml-export_xboardtest02_jarni_v1.xml');
