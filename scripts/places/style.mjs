// The look shared by CARE's places: the game's palette (src/screens/palette.rs) with a few
// in-between shades, black ink outlines like the people's, and small SVG functions.
export const C = {
  ink: '#19191e',
  paper: '#e1e1dc',
  blue: '#6ea0e6',
  sky: '#a8cdf5',
  card: '#28282c',
  wood: '#8c6e46',
  woodDark: '#6e5536',
  woodLight: '#a8885a',
  shelf: '#3c606e',
  shelfLight: '#4f7a8a',
  green: '#78aa78',
  amber: '#ebbe6e',
  red: '#dc6e50',
  floor: '#5c4e40',
  floorDark: '#554839',
  floorLine: '#45392e',
  floorLight: '#635443',
  door: '#c8c8be',
  wall: '#d6cdb9',
  wallShade: '#c4b9a2',
  steel: '#9aa0a6',
  pink: '#e279c7',
  lilac: '#b39ddb',
  aqua: '#9ddadb',
};

export const INK = (w = 3.5) =>
  `stroke="${C.ink}" stroke-width="${w}" stroke-linejoin="round" stroke-linecap="round"`;

export function svg(w, h, inner) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" fill="none">${inner}</svg>`;
}

/** A small deterministic random stream, for plank shades and garment order. */
export function stream(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
