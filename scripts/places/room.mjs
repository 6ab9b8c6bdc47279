// The shop's room: the floor tile (wooden planks, tiles seamlessly) and the backdrop for a
// 1280 x 800 window: wall, lamps, clock, the shop's sign, the door frame with the street outside,
// and the floor. Doors, racks, shelves, the till and people are drawn over it (fixtures.mjs).
import { C, INK, stream, svg } from './style.mjs';

export const BACKDROP = { width: 1280, height: 800, floorTop: 566 };
// The door's opening in the backdrop; door-closed.png and door-open.png fill it exactly.
export const DOORWAY = { x: 60, y: 150, width: 180, height: 416 };
export const TILE = 128;

const PLANK = 32;
const SHADES = [C.floor, C.floorLight, C.floorDark];

function row(x, top, w, fill, joints) {
  return `<rect x="${x}" y="${top}" width="${w}" height="${PLANK}" fill="${fill}"/>
    <path d="M${x} ${top + 1} H ${x + w}" stroke="${C.floorLine}" stroke-width="3"/>
    ${joints.map((j) => `<path d="M${j} ${top} V ${top + PLANK}" stroke="${C.floorLine}" stroke-width="3"/>`).join('')}`;
}

// One 128 x 128 tile of planks at (0, 0): each row one colour with one butt joint, so that tiles
// side by side and one above another meet without a seam.
function tilePlanks() {
  const next = stream(7);
  let out = '';
  for (let r = 0; r < TILE / PLANK; r += 1) {
    out += row(0, r * PLANK, TILE, SHADES[r % SHADES.length], [Math.floor(16 + next() * 96)]);
  }
  return out;
}

// The backdrop's floor: long planks of several lengths, staggered row by row.
function floorPlanks(top, w, h) {
  const next = stream(11);
  let out = '';
  for (let y = top; y < h; y += PLANK) {
    const joints = [];
    for (let x = Math.floor(next() * 200) - 200; x < w; x += 220 + Math.floor(next() * 160)) joints.push(x);
    out += row(0, y, w, SHADES[Math.floor(next() * SHADES.length)], joints.filter((j) => j > 0));
  }
  return out;
}

export function floorTile() {
  return svg(TILE, TILE, tilePlanks());
}

function lamp(x) {
  return `<path d="M${x} 0 V 64" stroke="${C.ink}" stroke-width="3"/>
    <ellipse cx="${x}" cy="112" rx="60" ry="16" fill="${C.amber}" opacity="0.25"/>
    <path d="M${x - 34} 100 L ${x - 16} 64 H ${x + 16} L ${x + 34} 100 Z" fill="${C.shelf}" ${INK(4)}/>
    <path d="M${x - 12} 100 A 12 10 0 0 0 ${x + 12} 100" fill="${C.amber}" ${INK(3)}/>`;
}

function clock(cx, cy) {
  return `<circle cx="${cx}" cy="${cy}" r="38" fill="${C.paper}" ${INK(5)}/>
    ${[0, 1, 2, 3].map((i) => {
      const a = (i * Math.PI) / 2;
      return `<path d="M${cx + 28 * Math.sin(a)} ${cy - 28 * Math.cos(a)} L ${cx + 33 * Math.sin(a)} ${cy - 33 * Math.cos(a)}" ${INK(3)}/>`;
    }).join('')}
    <path d="M${cx} ${cy} L ${cx + 14} ${cy - 12} M${cx} ${cy} L ${cx} ${cy - 26}" ${INK(4)}/>
    <circle cx="${cx}" cy="${cy}" r="3" fill="${C.red}"/>`;
}

// The shop's sign: a speech bubble with a heart, as on the game's icon.
function sign(x, y) {
  return `<rect x="${x}" y="${y}" width="180" height="96" rx="14" fill="${C.shelf}" ${INK(5)}/>
    <path d="M${x + 30} ${y + 20} h 120 a 14 14 0 0 1 14 14 v 26 a 14 14 0 0 1 -14 14 h -78 l -22 16 v -16 h -20
      a 14 14 0 0 1 -14 -14 v -26 a 14 14 0 0 1 14 -14 Z" fill="${C.paper}" ${INK(4)}/>
    <path d="M${x + 90} ${y + 66} C ${x + 62} ${y + 50} ${x + 66} ${y + 28} ${x + 80} ${y + 30}
      C ${x + 86} ${y + 30} ${x + 90} ${y + 36} ${x + 90} ${y + 40} C ${x + 90} ${y + 36} ${x + 94} ${y + 30} ${x + 100} ${y + 30}
      C ${x + 114} ${y + 28} ${x + 118} ${y + 50} ${x + 90} ${y + 66} Z" fill="${C.red}" ${INK(3)}/>`;
}

function picture(x, y) {
  return `<rect x="${x}" y="${y}" width="120" height="90" fill="${C.sky}" stroke="${C.woodDark}" stroke-width="10"/>
    <path d="M${x + 6} ${y + 70} L ${x + 40} ${y + 36} L ${x + 64} ${y + 60} L ${x + 80} ${y + 46} L ${x + 114} ${y + 74} V ${y + 84} H ${x + 6} Z" fill="${C.green}"/>
    <circle cx="${x + 92}" cy="${y + 26}" r="10" fill="${C.amber}"/>
    <rect x="${x - 5}" y="${y - 5}" width="130" height="100" ${INK(3)}/>`;
}

// The street seen through the doorway.
function outside() {
  const { x, y, width: w, height: h } = DOORWAY;
  return `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${C.sky}"/>
    <path d="M${x} ${y + 150} h 60 v -40 h 50 v 70 h 70 V ${y + h} H ${x} Z" fill="#b7c4cf"/>
    <path d="M${x + 20} ${y + 170} h 22 v 26 h -22 Z M${x + 130} ${y + 200} h 22 v 26 h -22 Z" fill="${C.sky}" opacity="0.8"/>
    <circle cx="${x + 132}" cy="${y + 262}" r="44" fill="${C.green}" ${INK(3)}/>
    <path d="M${x + 132} ${y + 300} V ${y + 350}" stroke="${C.woodDark}" stroke-width="8" stroke-linecap="round"/>
    <rect x="${x}" y="${y + h - 70}" width="${w}" height="70" fill="#b9b4a8"/>
    <path d="M${x} ${y + h - 70} H ${x + w}" stroke="#9a958a" stroke-width="4"/>`;
}

function doorFrame() {
  const { x, y, width: w, height: h } = DOORWAY;
  const t = 18;
  return `<path d="M${x - t} ${y + h} V ${y - t} H ${x + w + t} V ${y + h} H ${x + w} V ${y} H ${x} V ${y + h} Z"
      fill="${C.shelf}" ${INK(4)}/>
    <path d="M${x + w + t - 10} ${y - t} v 24" ${INK(3)}/>
    <path d="M${x + w + t - 22} ${y + 6} a 12 14 0 0 1 24 0 v 6 h -24 Z" fill="${C.amber}" ${INK(3)}/>
    <circle cx="${x + w + t - 10}" cy="${y + 16}" r="3" fill="${C.ink}"/>
    <rect x="${x - t}" y="${y + h}" width="${w + 2 * t}" height="8" fill="${C.woodDark}" ${INK(3)}/>`;
}

// The skirting board along the foot of the wall, from x0 to x1.
function skirting(x0, x1) {
  const F = BACKDROP.floorTop;
  return `<rect x="${x0}" y="${F - 16}" width="${x1 - x0}" height="20" fill="${C.woodDark}"/>
    <path d="M${x0} ${F - 16} H ${x1} M${x0} ${F + 4} H ${x1}" ${INK(3)}/>`;
}

export function backdrop() {
  const { width: W, height: H, floorTop: F } = BACKDROP;
  return svg(W, H, `
    <rect width="${W}" height="${F}" fill="${C.wall}"/>
    <rect y="${F - 150}" width="${W}" height="150" fill="${C.wallShade}"/>
    <path d="M0 ${F - 150} H ${W}" stroke="${C.woodDark}" stroke-width="8"/>
    <path d="M0 ${F - 150} H ${W}" ${INK(2)} opacity="0.6"/>
    <rect width="${W}" height="22" fill="${C.wallShade}"/>
    <path d="M0 22 H ${W}" ${INK(3)}/>
    ${outside()}${doorFrame()}
    ${lamp(420)}${lamp(760)}${lamp(1100)}
    ${sign(500, 160)}${picture(340, 180)}${picture(740, 180)}${clock(1180, 250)}
    ${floorPlanks(F, W, H)}
    ${skirting(0, DOORWAY.x - 18)}${skirting(DOORWAY.x + DOORWAY.width + 18, W)}
  `);
}
