// The customers' first names in scenarios/**/*.scenario.ron, with the pronoun and surname taken
// off ("Margaret Doyle (she)" is "Margaret"), so the cast can be checked against them.
import fs from 'node:fs';
import path from 'node:path';

function scenarioFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return scenarioFiles(p);
    return e.name.endsWith('.scenario.ron') ? [p] : [];
  });
}

/** Map of first name to the scenario ids it appears in, sorted by name. */
export function customerFirstNames(scenariosDir) {
  const names = new Map();
  for (const file of scenarioFiles(scenariosDir).sort()) {
    const text = fs.readFileSync(file, 'utf8');
    const list = text.match(/customer:\s*\(\s*name:\s*\[([^\]]*)\]/);
    if (!list) continue;
    for (const [, full] of list[1].matchAll(/"([^"]+)"/g)) {
      const first = full.replace(/\s*\([^)]*\)\s*$/, '').trim().split(/\s+/)[0];
      const id = path.basename(file, '.scenario.ron');
      names.set(first, [...(names.get(first) ?? []), id]);
    }
  }
  return new Map([...names].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
