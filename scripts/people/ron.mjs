// Writes the cast as RON (assets/people/cast.ron), the manifest the game reads: every look with
// its description and drawing options, the names map, the colleagues, the pool, the face for each
// mood band and where a portrait goes on a body.
const str = (s) => `"${String(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const opt = (s) => (s == null ? 'None' : `Some(${str(s)})`);
const map = (obj, indent) =>
  `{\n${Object.entries(obj).map(([k, v]) => `${indent}    ${str(k)}: ${str(v)},`).join('\n')}\n${indent}}`;
const list = (items, indent) => `[\n${items.map((i) => `${indent}    ${str(i)},`).join('\n')}\n${indent}]`;

function lookRon(l) {
  const d = l.dicebear;
  return `        (
            id: ${str(l.id)},
            alt: ${str(l.alt)},
            body: ${l.body},
            role: ${l.role},
            dicebear: (
                seed: ${str(l.id)},
                head: ${str(d.head)},
                head_contrast_color: ${str(d.hair)},
                skin_color: ${str(d.skin)},
                clothing_color: ${str(d.clothing)},
                facial_hair: ${opt(d.facialHair)},
                accessories: ${opt(d.accessories)},
            ),
            legs: ${str(l.legs)},
        ),`;
}

export function castRon({ looks, names, colleagues, pool, faces, geometry }) {
  const g = geometry;
  return `// CARE's cast, written by scripts/make-people from scripts/people/cast.mjs (edit that, not this).
//
// Pictures, beside this file: <look>/<band>.png, a ${g.portrait}x${g.portrait} head-and-shoulders portrait for each
// mood band (transparent around), and <look>/body.png, the look's full body (${g.bodyWidth} px wide;
// ${g.heights.Standing} px tall standing, ${g.heights.Wheelchair} px in a wheelchair; the bottom row is the floor line).
// Lay the portrait over the body at the same scale with its bottom centre on head_anchor (body
// pixels from the top left): it then covers the body's shoulders exactly.
//
// faces: the Open Peeps face drawn for each mood band, worst to best.
// looks: id (the folder name), alt (a description for screen readers), body (Standing or
//   Wheelchair), role (Customer or Colleague), the DiceBear Open Peeps options it was drawn with
//   (seed, head, head_contrast_color = hair, skin_color, clothing_color, facial_hair,
//   accessories) and legs, the trousers' colour.
// names: a customer's first name (as in the scenarios, without pronoun or surname) to a look.
// colleagues: a colleague's first name (as in the scenarios' narration) to a look.
// pool: looks, in order, for a customer whose first name is not in names.
Cast(
    portrait_size: ${g.portrait},
    head_anchor: (${g.anchor[0]}, ${g.anchor[1]}),
    faces: ${map(faces, '    ')},
    looks: [
${looks.map(lookRon).join('\n')}
    ],
    names: ${map(names, '    ')},
    colleagues: ${map(colleagues, '    ')},
    pool: ${list(pool, '    ')},
)
`;
}
