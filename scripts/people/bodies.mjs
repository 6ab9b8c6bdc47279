// Full-body drawings that go under a portrait: standing, and sitting in a wheelchair. Drawn for
// CARE in Open Peeps units around the Open Peeps torso (peep.mjs), in a look's colours, with the
// same black ink and flat fills. A portrait drawn with its bottom centre on HEAD_ANCHOR (at the
// same scale) lines up with the torso exactly.
import { PORTRAIT_PX, PORTRAIT_VIEW, UNITS_PER_PX, svgDoc } from './peep.mjs';

export const BODY_WIDTH_PX = 384;
// Image heights: the bottom row is the floor line (the soles, or the wheelchair's castors).
export const BODY_HEIGHT_PX = { Standing: 736, Wheelchair: 640 };
// The portrait's top-left corner in the body image, and the head anchor (its bottom centre).
const PORTRAIT_AT_PX = [(BODY_WIDTH_PX - PORTRAIT_PX) / 2, 0];
export const HEAD_ANCHOR_PX = [PORTRAIT_AT_PX[0] + PORTRAIT_PX / 2, PORTRAIT_PX];

/** The body image's frame in Open Peeps units. */
export function bodyView(body) {
  const x = PORTRAIT_VIEW[0] - PORTRAIT_AT_PX[0] * UNITS_PER_PX;
  const y = PORTRAIT_VIEW[1] - PORTRAIT_AT_PX[1] * UNITS_PER_PX;
  return [x, y, BODY_WIDTH_PX * UNITS_PER_PX, BODY_HEIGHT_PX[body] * UNITS_PER_PX];
}

const INK = '#000';
const SHOE = '#3a3236';
const FRAME = '#3c606e';
const TYRE = '#2f2f35';
const RIM = '#c8c8be';
const APRON = '#3c606e';
const line = (w = 12) =>
  `stroke="${INK}" stroke-width="${w}" stroke-linejoin="round" stroke-linecap="round"`;

// The shirt's hem (Open Peeps leaves it open at the bottom) and the hands at the ends of the arms.
const hem = `<path d="M106 1228 C 250 1234 440 1214 656 1230" ${line()}/>`;
function hands(skin, y = 1272) {
  // Each hand is filled whole but outlined only below the wrist, where the arm's own lines end.
  const left = `M-36 1196 C -50 ${y + 18} -10 ${y + 58} 36 ${y + 58} C 92 ${y + 56} 116 ${y + 18} 104 1208`;
  const right = `M656 1204 C 648 ${y + 18} 666 ${y + 50} 690 ${y + 50} C 718 ${y + 48} 738 ${y + 16} 726 1196`;
  return `<g fill="#${skin}"><path d="${left} Z"/><path d="${right} Z"/></g>
    <g fill="none" ${line()}><path d="${left}"/><path d="${right}"/></g>`;
}
// The lower half of a colleague's apron, with a pocket.
function apronSkirt(bottom) {
  return `<g ${line()}>
    <path d="M194 1230 L 540 1230 L 556 ${bottom} L 178 ${bottom} Z" fill="${APRON}"/>
    <path d="M262 1330 H 472 V 1440 H 262 Z M 367 1330 V 1440" stroke-width="8" opacity="0.45"/>
  </g>`;
}

function standing({ torso, skin, legs, colleague }) {
  const trousers = `<path d="M112 1170 L 618 1170 C 622 1480 608 1780 594 2000 L 398 2000
      C 394 1800 388 1620 366 1468 C 344 1620 336 1800 332 2000 L 136 2000
      C 122 1780 108 1480 112 1170 Z" fill="#${legs}" ${line()}/>`;
  const shoes = `<g fill="${SHOE}" ${line()}>
    <path d="M130 1990 L 332 1990 C 360 2010 372 2050 360 2090 L 124 2090 C 112 2060 114 2020 130 1990 Z"/>
    <path d="M400 1990 L 594 1990 C 640 2008 668 2046 660 2090 L 394 2090 C 386 2056 388 2016 400 1990 Z"/>
  </g>`;
  return trousers + shoes + torso + hem + (colleague ? apronSkirt(1660) : '') + hands(skin);
}

function wheelchair({ torso, skin, legs, colleague }) {
  const wheel = (cx) => `<g ${line()}>
    <ellipse cx="${cx}" cy="1480" rx="118" ry="330" fill="none" stroke="${TYRE}" stroke-width="44"/>
    <ellipse cx="${cx}" cy="1480" rx="140" ry="352" fill="none"/>
    <ellipse cx="${cx}" cy="1480" rx="96" ry="308" fill="none"/>
    <ellipse cx="${cx}" cy="1480" rx="78" ry="276" fill="none" stroke="${RIM}" stroke-width="14"/>
    <path d="M${cx} 1206 V 1754 M${cx - 96} 1480 H ${cx + 96} M${cx - 68} 1286 L ${cx + 68} 1674 M${cx + 68} 1286 L ${cx - 68} 1674"
      stroke="${RIM}" stroke-width="8"/>
    <ellipse cx="${cx}" cy="1480" rx="26" ry="40" fill="${RIM}"/>
  </g>`;
  const back = `<g ${line()}>
    <path d="M-6 1400 V 760 M714 1400 V 760" stroke="${FRAME}" stroke-width="34"/>
    <path d="M-6 1400 V 760 M714 1400 V 760" stroke-width="8" opacity="0.5"/>
    <rect x="-64" y="716" width="92" height="46" rx="20" fill="${TYRE}"/>
    <rect x="684" y="716" width="92" height="46" rx="20" fill="${TYRE}"/>
  </g>`;
  const frame = `<g ${line()}>
    <path d="M112 1300 L 128 1720 M612 1300 L 596 1720" stroke="${FRAME}" stroke-width="30"/>
    <path d="M112 1300 L 128 1720 M612 1300 L 596 1720" stroke-width="8" opacity="0.5"/>
    <path d="M128 1720 V 1776 M596 1720 V 1776" stroke-width="14"/>
    <ellipse cx="128" cy="1790" rx="26" ry="40" fill="${TYRE}"/>
    <ellipse cx="596" cy="1790" rx="26" ry="40" fill="${TYRE}"/>
    <rect x="84" y="1698" width="556" height="40" rx="12" fill="${FRAME}"/>
  </g>`;
  // Thighs seen end on (coming towards us), then shins down to the footplate.
  const lap = `<g fill="#${legs}" ${line()}>
    <path d="M150 1380 L 338 1380 L 332 1680 L 158 1680 Z"/>
    <path d="M394 1380 L 578 1380 L 570 1680 L 400 1680 Z"/>
    <path d="M104 1190 L 368 1190 L 372 1330 C 372 1420 110 1420 104 1330 Z"/>
    <path d="M362 1190 L 626 1190 L 624 1330 C 622 1420 364 1420 362 1330 Z"/>
  </g>`;
  const shoes = `<g fill="${SHOE}" ${line()}>
    <path d="M150 1664 L 340 1664 C 360 1676 364 1694 356 1710 L 140 1710 C 134 1692 138 1674 150 1664 Z"/>
    <path d="M392 1664 L 578 1664 C 596 1676 600 1694 592 1710 L 382 1710 C 376 1692 380 1674 392 1664 Z"/>
  </g>`;
  return back + wheel(-40) + wheel(760) + frame + lap + shoes + torso + hem
    + (colleague ? apronSkirt(1330) : '') + hands(skin, 1262);
}

/** The body drawing for a look's torso and colours, as an SVG document. */
export function bodySvg(body, parts) {
  const draw = body === 'Wheelchair' ? wheelchair : standing;
  return svgDoc(bodyView(body), draw(parts));
}
