// Renders one SVG file to a PNG of the given width with resvg.
// Usage: node render-svg.mjs IN.svg OUT.png WIDTH
import fs from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';

const [input, output, width] = process.argv.slice(2);
if (!input || !output || !width) throw new Error('usage: node render-svg.mjs IN.svg OUT.png WIDTH');
const svg = new Resvg(fs.readFileSync(input, 'utf8'), { fitTo: { mode: 'width', value: Number(width) } });
fs.mkdirSync(path.dirname(output), { recursive: true });
fs.writeFileSync(output, svg.render().asPng());
