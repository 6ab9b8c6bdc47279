// The shop's fixtures, each its own sprite standing on the bottom row of its image: the door
// (closed and open, to fill the backdrop's doorway), a clothes rack, a shelf unit and the till
// counter (drawn over the colleagues who stand behind it).
import { C, INK, stream, svg } from './style.mjs';
import { DOORWAY } from './room.mjs';

const { width: DW, height: DH } = DOORWAY;

// The door leaf: a teal frame round a glass pane (the street shows through), a push bar and the
// "open" card (a green dot on a paper sign, no words).
function leaf(w) {
  const g = { x: 22, y: 24, w: w - 44, h: DH - 110 };
  return `<path d="M3 7 a 4 4 0 0 1 4 -4 H ${w - 7} a 4 4 0 0 1 4 4 V ${DH - 7} a 4 4 0 0 1 -4 4 H 7 a 4 4 0 0 1 -4 -4 Z
      M${g.x} ${g.y} V ${g.y + g.h} H ${g.x + g.w} V ${g.y} Z" fill="${C.shelfLight}" fill-rule="evenodd" ${INK(4)}/>
    <rect x="${g.x}" y="${g.y}" width="${g.w}" height="${g.h}" fill="${C.sky}" fill-opacity="0.3"/>
    <path d="M38 50 L 70 30 M38 90 L 110 40" stroke="#ffffff" stroke-width="6" stroke-linecap="round" opacity="0.6"/>
    <rect x="${w / 2 - 34}" y="${DH - 76}" width="68" height="12" rx="6" fill="${C.steel}" ${INK(3)}/>
    <path d="M${w / 2 - 24} 56 L ${w / 2} 38 L ${w / 2 + 24} 56" ${INK(2)}/>
    <rect x="${w / 2 - 30}" y="56" width="60" height="40" rx="5" fill="${C.paper}" ${INK(3)}/>
    <circle cx="${w / 2}" cy="76" r="10" fill="${C.green}" ${INK(2)}/>`;
}

export function doorClosed() {
  return svg(DW, DH, leaf(DW));
}

// Open: the leaf swung out into the street, seen edge-on against the left jamb.
export function doorOpen() {
  const w = 46;
  return svg(DW, DH, `<path d="M3 3 L ${w} 26 V ${DH - 20} L 3 ${DH - 3} Z M14 30 L 14 ${DH - 90} L ${w - 10} ${DH - 100} V 44 Z"
      fill="${C.shelfLight}" fill-rule="evenodd" ${INK(4)}/>
    <path d="M14 30 L ${w - 10} 44 V ${DH - 100} L 14 ${DH - 90} Z" fill="${C.sky}" fill-opacity="0.3"/>
    <path d="M${w - 14} ${DH - 80} v 24" stroke="${C.steel}" stroke-width="8" stroke-linecap="round"/>`);
}

// A garment on a hanger hooked on the rail at (x, top).
function garment(x, top, kind, fill) {
  const hook = `<path d="M${x} ${top} c 0 -8 -8 -10 -8 -4" ${INK(3)}/>
    <path d="M${x - 26} ${top + 18} L ${x} ${top + 4} L ${x + 26} ${top + 18}" ${INK(3)}/>`;
  const shapes = {
    shirt: `M${x - 24} ${top + 16} L ${x - 40} ${top + 40} L ${x - 28} ${top + 50} L ${x - 22} ${top + 42}
      L ${x - 22} ${top + 120} H ${x + 22} L ${x + 22} ${top + 42} L ${x + 28} ${top + 50} L ${x + 40} ${top + 40}
      L ${x + 24} ${top + 16} C ${x + 12} ${top + 24} ${x - 12} ${top + 24} ${x - 24} ${top + 16} Z`,
    dress: `M${x - 18} ${top + 16} L ${x - 16} ${top + 60} L ${x - 38} ${top + 160} H ${x + 38} L ${x + 16} ${top + 60}
      L ${x + 18} ${top + 16} C ${x + 8} ${top + 26} ${x - 8} ${top + 26} ${x - 18} ${top + 16} Z`,
    coat: `M${x - 26} ${top + 16} L ${x - 34} ${top + 140} H ${x + 34} L ${x + 26} ${top + 16}
      C ${x + 12} ${top + 22} ${x - 12} ${top + 22} ${x - 26} ${top + 16} Z`,
  };
  const detail = {
    shirt: `<path d="M${x - 10} ${top + 20} L ${x} ${top + 34} L ${x + 10} ${top + 20}" ${INK(2)}/>`,
    dress: `<path d="M${x - 16} ${top + 60} H ${x + 16}" ${INK(2)}/>`,
    coat: `<path d="M${x} ${top + 22} V ${top + 140} M${x - 8} ${top + 56} h 0.1 M${x - 8} ${top + 84} h 0.1 M${x - 8} ${top + 112} h 0.1" ${INK(4)}/>`,
  };
  return `<path d="${shapes[kind]}" fill="${fill}" ${INK(3)}/>${detail[kind]}${hook}`;
}

export const RACK = { width: 320, height: 300 };

export function rack() {
  const { width: w, height: h } = RACK;
  const next = stream(3);
  const fills = [C.red, C.amber, C.blue, C.lilac, C.green, C.pink, C.aqua, C.sky, C.paper];
  const kinds = ['shirt', 'dress', 'shirt', 'coat', 'shirt', 'dress', 'coat'];
  let clothes = '';
  for (let i = 0; i < kinds.length; i += 1) {
    clothes += garment(56 + i * 35, 42, kinds[i], fills[Math.floor(next() * fills.length)]);
  }
  return svg(w, h, `
    <path d="M22 ${h - 30} H ${w - 22}" ${INK(6)}/>
    <path d="M34 36 V ${h - 30} M${w - 34} 36 V ${h - 30}" stroke="${C.steel}" stroke-width="10"/>
    <path d="M34 36 V ${h - 30} M${w - 34} 36 V ${h - 30}" ${INK(2)}/>
    ${clothes}
    <path d="M18 36 H ${w - 18}" stroke="${C.steel}" stroke-width="10" stroke-linecap="round"/>
    <path d="M18 31 H ${w - 18} M18 41 H ${w - 18}" ${INK(2)}/>
    <rect x="14" y="${h - 36}" width="${w - 28}" height="12" rx="6" fill="${C.steel}" ${INK(3)}/>
    ${[34, w - 34].map((x) => `<circle cx="${x}" cy="${h - 12}" r="10" fill="${C.card}" ${INK(3)}/>`).join('')}
  `);
}

export const SHELF = { width: 240, height: 424 };

// Folded clothes in a stack, boxes, mugs and a plant on a teal shelf unit.
export function shelf() {
  const { width: w } = SHELF;
  const h = SHELF.height - 24; // the unit; the plant on top reaches into the 24 px above
  const boards = [110, 200, 290, h - 26];
  const stack = (x, y, fills) => fills.map((f, i) =>
    `<rect x="${x}" y="${y - (i + 1) * 18}" width="64" height="18" rx="5" fill="${f}" ${INK(3)}/>
     <path d="M${x + 10} ${y - (i + 1) * 18 + 9} h 44" stroke="${C.ink}" stroke-width="1.5" opacity="0.5"/>`).join('');
  const mug = (x, y, f) => `<path d="M${x + 24} ${y - 24} c 12 0 12 16 0 16" ${INK(4)}/>
    <rect x="${x}" y="${y - 30}" width="26" height="30" rx="4" fill="${f}" ${INK(3)}/>`;
  const box = (x, y, bw, bh, f) => `<rect x="${x}" y="${y - bh}" width="${bw}" height="${bh}" fill="${f}" ${INK(3)}/>
    <path d="M${x + bw / 2 - 8} ${y - bh} v 12 h 16 v -12" stroke="${C.ink}" stroke-width="2" opacity="0.6"/>`;
  return svg(w, SHELF.height, `<g transform="translate(0 24)">
    <rect x="12" y="40" width="${w - 24}" height="${h - 52}" fill="${C.shelf}" ${INK(4)}/>
    <rect x="26" y="40" width="${w - 52}" height="${h - 66}" fill="#30505c"/>
    ${boards.map((y) => `<rect x="12" y="${y}" width="${w - 24}" height="12" fill="${C.shelfLight}" ${INK(3)}/>`).join('')}
    <rect x="12" y="${h - 14}" width="${w - 24}" height="12" fill="${C.shelf}" ${INK(3)}/>
    ${stack(34, 110, [C.red, C.amber, C.blue])}${stack(112, 110, [C.green, C.paper, C.pink])}
    ${mug(40, 200, C.paper)}${mug(80, 200, C.amber)}${mug(120, 200, C.blue)}${mug(160, 200, C.red)}
    ${box(34, 290, 80, 56, C.woodLight)}${box(124, 290, 82, 44, C.amber)}
    ${stack(36, h - 26, [C.sky, C.aqua])}${stack(124, h - 26, [C.paper, C.red, C.green])}
    ${[-50, -15, 20, 55].map((deg) => `<ellipse cx="${w / 2}" cy="-2" rx="10" ry="22" fill="${C.green}"
      transform="rotate(${deg} ${w / 2} 10)" ${INK(3)}/>`).join('')}
    <path d="M${w / 2 - 16} 4 L ${w / 2 + 16} 4 L ${w / 2 + 12} 40 H ${w / 2 - 12} Z" fill="${C.red}" ${INK(3)}/>
  </g>`);
}

export const TILL = { width: 400, height: 270, counterTop: 126 };

// The counter, front on, with the till, a card reader and a paper bag on top.
export function till() {
  const { width: w, height: h, counterTop: t } = TILL;
  return svg(w, h, `
    <rect x="20" y="${t}" width="${w - 40}" height="${h - t - 4}" rx="4" fill="${C.wood}" ${INK(4)}/>
    ${[0, 1, 2].map((i) => `<rect x="${40 + i * 112}" y="${t + 36}" width="96" height="${h - t - 60}" rx="6" fill="${C.woodLight}" ${INK(3)}/>`).join('')}
    <rect x="8" y="${t - 14}" width="${w - 16}" height="24" rx="6" fill="${C.woodDark}" ${INK(4)}/>
    <rect x="222" y="${t - 64}" width="120" height="52" rx="6" fill="${C.card}" ${INK(4)}/>
    <path d="M246 ${t - 64} L 256 ${t - 116} H 330 L 338 ${t - 64}" fill="${C.card}" ${INK(4)}/>
    <rect x="264" y="${t - 108}" width="64" height="36" rx="4" fill="${C.sky}" ${INK(3)}/>
    <path d="M272 ${t - 96} h 30 M272 ${t - 86} h 44" stroke="${C.blue}" stroke-width="4" stroke-linecap="round"/>
    ${[0, 1, 2].map((i) => `<rect x="${236 + i * 30}" y="${t - 52}" width="22" height="12" rx="3" fill="${C.paper}" stroke="${C.ink}" stroke-width="2"/>`).join('')}
    <rect x="172" y="${t - 48}" width="30" height="36" rx="5" fill="${C.card}" ${INK(3)}/>
    <rect x="177" y="${t - 43}" width="20" height="10" fill="${C.green}"/>
    <path d="M56 ${t - 14} L 62 ${t - 80} H 124 L 130 ${t - 14} Z" fill="${C.amber}" ${INK(3)}/>
    <path d="M76 ${t - 80} c 0 -24 34 -24 34 0" ${INK(3)}/>
  `);
}
