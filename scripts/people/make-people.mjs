// Renders CARE's cast (cast.mjs) to full-colour PNGs in OUT and writes OUT/people/cast.ron:
// OUT/people/<look>/<band>.png (portraits), OUT/people/<look>/body.png, and the neutral bodies
// OUT/places/body-standing.png and body-wheelchair.png. scripts/make-people quantises them into
// assets/. Usage: node make-people.mjs OUT SCENARIOS_DIR
import fs from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { COLLEAGUES, FACES, LOOKS, NAMES, POOL } from './cast.mjs';
import { PORTRAIT_PX, peep, portraitSvg } from './peep.mjs';
import { BODY_HEIGHT_PX, BODY_WIDTH_PX, HEAD_ANCHOR_PX, bodySvg } from './bodies.mjs';
import { castRon } from './ron.mjs';
import { customerFirstNames } from './scenario-names.mjs';

const [out, scenarios] = process.argv.slice(2);
if (!out || !scenarios) throw new Error('usage: node make-people.mjs OUT SCENARIOS_DIR');

function check() {
  const ids = new Set(LOOKS.map((l) => l.id));
  if (ids.size !== LOOKS.length) throw new Error('two looks share an id');
  const refs = [...Object.values(NAMES), ...Object.values(COLLEAGUES), ...POOL];
  const unknown = refs.filter((id) => !ids.has(id));
  if (unknown.length) throw new Error(`cast.mjs names looks that do not exist: ${unknown.join(', ')}`);
  const missing = [...customerFirstNames(scenarios)].filter(([n]) => !(n in NAMES));
  for (const [name, where] of missing) {
    console.warn(`warning: ${name} (${where.join(', ')}) has no look in cast.mjs; the pool will choose`);
  }
}

function png(svg, file, width) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const image = new Resvg(svg, { fitTo: { mode: 'width', value: width } }).render();
  fs.writeFileSync(file, image.asPng());
}

check();
for (const look of LOOKS) {
  for (const [band, face] of Object.entries(FACES)) {
    png(portraitSvg(look, face), path.join(out, 'people', look.id, `${band}.png`), PORTRAIT_PX);
  }
  const parts = { torso: peep(look, FACES.neutral).torso, skin: look.dicebear.skin, legs: look.legs,
    colleague: look.role === 'Colleague' };
  png(bodySvg(look.body, parts), path.join(out, 'people', look.id, 'body.png'), BODY_WIDTH_PX);
}

// The same bodies in neutral colours, for a figure that has no look of its own.
const neutral = { id: 'neutral', role: 'Customer', legs: '55565c',
  dicebear: { head: 'noHair1', hair: '2c1b18', skin: 'd08b5b', clothing: 'a8cdf5' } };
for (const body of ['Standing', 'Wheelchair']) {
  const parts = { torso: peep(neutral, 'calm').torso, skin: 'd08b5b', legs: neutral.legs, colleague: false };
  png(bodySvg(body, parts), path.join(out, 'places', `body-${body.toLowerCase()}.png`), BODY_WIDTH_PX);
}

const sortedNames = Object.fromEntries(Object.entries(NAMES).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
const geometry = { portrait: PORTRAIT_PX, bodyWidth: BODY_WIDTH_PX, heights: BODY_HEIGHT_PX, anchor: HEAD_ANCHOR_PX };
fs.writeFileSync(path.join(out, 'people', 'cast.ron'),
  castRon({ looks: LOOKS, names: sortedNames, colleagues: COLLEAGUES, pool: POOL, faces: FACES, geometry }));
console.log(`drew ${LOOKS.length} looks, ${LOOKS.length * (Object.keys(FACES).length + 1)} pictures`);
