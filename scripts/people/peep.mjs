// One look drawn with DiceBear's Open Peeps, split in two: the torso (shirt, neck and arms, the
// same outline for everyone) and the features (head, face, facial hair, glasses). The portrait is
// both, framed head and shoulders; the body drawings (bodies.mjs) reuse the torso so that a
// portrait laid over a body at the documented anchor matches it exactly.
import { createAvatar } from '@dicebear/core';
import * as openPeeps from '@dicebear/open-peeps';

// The portrait's frame in Open Peeps units (the avatar is drawn on 704 x 704, its torso reaching
// below): x, y, width, height. It is rendered at PORTRAIT_PX, so one pixel is 752 / 256 units.
export const PORTRAIT_VIEW = [-24, -48, 752, 752];
export const PORTRAIT_PX = 256;
export const UNITS_PER_PX = PORTRAIT_VIEW[2] / PORTRAIT_PX;

const INK = '#000';

/** The DiceBear options for a look with a given face, every choice pinned (no randomness). */
export function options(look, face) {
  const d = look.dicebear;
  const o = {
    seed: look.id,
    clip: false,
    head: [d.head],
    headContrastColor: [d.hair],
    skinColor: [d.skin],
    clothingColor: [d.clothing],
    face: [face],
    facialHairProbability: d.facialHair ? 100 : 0,
    accessoriesProbability: d.accessories ? 100 : 0,
    maskProbability: 0,
  };
  if (d.facialHair) o.facialHair = [d.facialHair];
  if (d.accessories) o.accessories = [d.accessories];
  return o;
}

/** The look's torso and features as SVG fragments, in Open Peeps units. */
export function peep(look, face) {
  const svg = createAvatar(openPeeps, options(look, face)).toString();
  const start = svg.indexOf('<g fill-rule="evenodd" clip-rule="evenodd">');
  const end = svg.indexOf('</g>', start);
  const close = svg.lastIndexOf('</svg>');
  if (start < 0 || end < 0 || close < 0) {
    throw new Error(`unexpected Open Peeps SVG for ${look.id}: has @dicebear/open-peeps changed?`);
  }
  const torso = svg.slice(start, end + 4) + (look.role === 'Colleague' ? apron() : '');
  return { torso, features: svg.slice(end + 4, close) };
}

/** A portrait: head and shoulders, transparent around, PORTRAIT_PX square. */
export function portraitSvg(look, face) {
  const { torso, features } = peep(look, face);
  return svgDoc(PORTRAIT_VIEW, torso + features);
}

export function svgDoc([x, y, w, h], inner) {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${x} ${y} ${w} ${h}" fill="none">${inner}</svg>`;
}

// The colleagues' apron over the uniform: neck straps, a bib with a name badge, down past the hem
// (the body drawing finishes it below the waist).
function apron() {
  const fill = '#3c606e';
  return `<g stroke="${INK}" stroke-width="12" stroke-linejoin="round" stroke-linecap="round">
    <path d="M262 610 C 250 680 236 740 222 800 M468 600 C 484 670 500 740 512 800" stroke="${fill}" stroke-width="26"/>
    <path d="M262 610 C 250 680 236 740 222 800 M468 600 C 484 670 500 740 512 800" stroke-width="6" opacity="0.35"/>
    <path d="M210 800 L 526 800 L 540 1236 L 194 1236 Z" fill="${fill}"/>
    <rect x="410" y="850" width="84" height="44" rx="8" fill="#e1e1dc" stroke-width="8"/>
    <path d="M426 872 H 478" stroke="#6ea0e6" stroke-width="8"/>
  </g>`;
}
