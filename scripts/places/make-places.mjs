// Renders CARE's places to full-colour PNGs in OUT/places: the backdrop, the floor tile, the door
// (closed and open), a rack, a shelf unit and the till counter. scripts/make-places quantises them
// into assets/places/. Usage: node make-places.mjs OUT
import fs from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { backdrop, floorTile } from './room.mjs';
import { doorClosed, doorOpen, rack, shelf, till } from './fixtures.mjs';

const [out] = process.argv.slice(2);
if (!out) throw new Error('usage: node make-places.mjs OUT');
const dir = path.join(out, 'places');
fs.mkdirSync(dir, { recursive: true });

const drawings = {
  backdrop: backdrop(),
  'floor-tile': floorTile(),
  'door-closed': doorClosed(),
  'door-open': doorOpen(),
  rack: rack(),
  shelf: shelf(),
  till: till(),
};
for (const [name, svg] of Object.entries(drawings)) {
  fs.writeFileSync(path.join(dir, `${name}.png`), new Resvg(svg).render().asPng());
}
console.log(`drew ${Object.keys(drawings).length} places`);
