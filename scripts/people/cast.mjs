// CARE's cast: every look (a person drawn with Open Peeps), which look each customer's first name
// gets, the pool for names not listed, the colleagues, and the face shown for each mood band.
// Edit here, then run scripts/make-people; it writes assets/people/cast.ron from this file.

// The game's seven mood bands, worst to best, and the Open Peeps face that carries each one.
export const FACES = {
  furious: 'rage',
  angry: 'veryAngry',
  upset: 'solemn',
  neutral: 'serious',
  content: 'smile',
  pleased: 'smileBig',
  delighted: 'lovingGrin1',
};

// Colours used below, by name.
const SKIN = { light: 'ffdbb4', fair: 'edb98a', tan: 'd08b5b', brown: 'ae5d29', dark: '694d3d' };
const HAIR = {
  grey: 'e8e1e1', black: '2c1b18', brown: '724133', auburn: 'a55728', blonde: 'd6b370',
  ginger: 'c93305', pink: 'f59797', sandy: 'b58143',
};
const CLOTHES = {
  sky: 'a8cdf5', blue: '6ea0e6', amber: 'ebbe6e', coral: 'dc6e50', pink: 'e279c7',
  aqua: '9ddadb', lilac: 'b39ddb', yellow: 'fdea6b', salmon: 'e78276', paper: 'e1e1dc',
  rose: 'c98b8b', uniform: '78aa78',
};
const LEGS = { denim: '5470a0', charcoal: '55565c', brown: '8c6e46', olive: '6b7350', plum: '6e4d6e' };

// A look: `id`, `alt` (what a screen reader says), `body` (Standing or Wheelchair), `role`
// (Customer or Colleague), the DiceBear Open Peeps options (`head`, `hair` = headContrastColor,
// `skin`, `clothing`, optional `facialHair` and `accessories`) and `legs`, the trousers' colour.
function look(id, alt, body, role, head, hair, skin, clothing, legs, extra = {}) {
  return {
    id, alt, body, role, legs,
    dicebear: { head, hair, skin, clothing, facialHair: extra.facialHair ?? null, accessories: extra.accessories ?? null },
  };
}
const customer = (id, alt, ...rest) => look(id, alt, 'Standing', 'Customer', ...rest);
const wheelchair = (id, alt, ...rest) => look(id, alt, 'Wheelchair', 'Customer', ...rest);
const colleague = (id, alt, ...rest) => look(id, alt, 'Standing', 'Colleague', ...rest);

export const LOOKS = [
  // The shoppers of "Nobody said hello": in their late seventies, in wheelchairs.
  wheelchair('rosa', 'An older woman with wavy grey hair and glasses, in a pink top, in a wheelchair',
    'grayMedium', HAIR.grey, SKIN.tan, CLOTHES.pink, LEGS.plum, { accessories: 'glasses' }),
  wheelchair('margaret', 'An older woman with a grey bun and round glasses, in a lilac top, in a wheelchair',
    'grayBun', HAIR.grey, SKIN.light, CLOTHES.lilac, LEGS.charcoal, { accessories: 'glasses2' }),
  wheelchair('edith', 'An older woman with short grey hair, in an aqua top, in a wheelchair',
    'grayShort', HAIR.grey, SKIN.fair, CLOTHES.aqua, LEGS.brown),
  wheelchair('agnes', 'An older woman with a grey bun, in a mustard top, in a wheelchair',
    'grayBun', HAIR.grey, SKIN.dark, CLOTHES.amber, LEGS.denim),

  // Older shoppers and callers.
  customer('older-woman-grey-waves', 'An older woman with wavy grey hair and glasses, in a blue top',
    'grayMedium', HAIR.grey, SKIN.light, CLOTHES.blue, LEGS.charcoal, { accessories: 'glasses3' }),
  customer('older-woman-short-grey', 'An older woman with short grey hair and glasses, in a coral top',
    'grayShort', HAIR.grey, SKIN.brown, CLOTHES.coral, LEGS.plum, { accessories: 'glasses' }),
  customer('older-man-glasses', 'An older bald man with a grey moustache and round glasses, in a sky-blue top',
    'noHair2', HAIR.grey, SKIN.light, CLOTHES.sky, LEGS.brown, { facialHair: 'moustache9', accessories: 'glasses2' }),
  customer('older-man-grey-beard', 'An older man with short grey hair and a grey beard, in a mustard top',
    'grayShort', HAIR.grey, SKIN.dark, CLOTHES.amber, LEGS.charcoal, { facialHair: 'full4' }),
  customer('older-man-moustache', 'An older bald man with a grey moustache and glasses, in a paper-white top',
    'noHair1', HAIR.grey, SKIN.tan, CLOTHES.paper, LEGS.denim, { facialHair: 'moustache9', accessories: 'glasses' }),

  // Women.
  customer('woman-auburn-fringe', 'A woman with an auburn bob and fringe, in a sky-blue top',
    'bangs', HAIR.auburn, SKIN.light, CLOTHES.sky, LEGS.denim),
  customer('woman-blonde-ponytail', 'A woman with a blonde ponytail and fringe, in a salmon top',
    'mediumBangs2', HAIR.blonde, SKIN.light, CLOTHES.salmon, LEGS.charcoal),
  customer('woman-bun-glasses', 'A woman with dark hair in a bun and glasses, in a yellow top',
    'bun', HAIR.black, SKIN.fair, CLOTHES.yellow, LEGS.denim, { accessories: 'glasses5' }),
  customer('woman-curls', 'A woman with long dark curls, in a mustard top',
    'longCurly', HAIR.black, SKIN.brown, CLOTHES.amber, LEGS.olive),
  customer('woman-bantu-knots', 'A woman with her hair in Bantu knots, in a pink top',
    'bantuKnots', HAIR.black, SKIN.dark, CLOTHES.pink, LEGS.denim),
  customer('woman-hijab', 'A woman in a dark hijab, in a blue top',
    'hijab', HAIR.black, SKIN.tan, CLOTHES.blue, LEGS.charcoal),
  customer('woman-long-dark-hair', 'A woman with long dark hair, in a coral top',
    'long', HAIR.black, SKIN.tan, CLOTHES.coral, LEGS.denim),
  customer('woman-black-bob', 'A woman with a black bob and straight fringe, in an aqua top',
    'bangs2', HAIR.black, SKIN.light, CLOTHES.aqua, LEGS.charcoal),
  customer('woman-long-fringe', 'A woman with long dark hair and a fringe, in a lilac top',
    'longBangs', HAIR.black, SKIN.fair, CLOTHES.lilac, LEGS.denim),

  // Men.
  customer('man-beard', 'A man with short dark hair and a full beard, in a blue top',
    'short2', HAIR.black, SKIN.light, CLOTHES.blue, LEGS.charcoal, { facialHair: 'full' }),
  customer('man-dreads', 'A man with dreadlocks, in a mustard top',
    'dreads1', HAIR.black, SKIN.dark, CLOTHES.amber, LEGS.denim),
  customer('man-glasses', 'A man with short black hair and glasses, in an aqua top',
    'short1', HAIR.black, SKIN.tan, CLOTHES.aqua, LEGS.charcoal, { accessories: 'glasses' }),
  customer('man-blond', 'A man with a blond quiff, in a coral top',
    'short4', HAIR.blonde, SKIN.light, CLOTHES.coral, LEGS.denim),
  customer('man-moustache', 'A man with a black pompadour and a moustache, in a yellow top',
    'pomp', HAIR.black, SKIN.fair, CLOTHES.yellow, LEGS.olive, { facialHair: 'moustache6' }),
  customer('man-beanie', 'A man in a beanie hat with a short beard, in a rose top',
    'hatBeanie', HAIR.black, SKIN.tan, CLOTHES.rose, LEGS.charcoal, { facialHair: 'full' }),
  customer('man-short-black-hair', 'A man with short spiky black hair, in a lilac top',
    'short5', HAIR.black, SKIN.light, CLOTHES.lilac, LEGS.denim),
  customer('man-flat-top', 'A man with a flat-top haircut and a goatee, in a sky-blue top',
    'flatTop', HAIR.black, SKIN.brown, CLOTHES.sky, LEGS.charcoal, { facialHair: 'goatee1' }),

  // People who go by "they".
  customer('person-pink-mohawk', 'A person with a pink mohawk, in a blue top',
    'mohawk', HAIR.pink, SKIN.fair, CLOTHES.blue, LEGS.charcoal),
  customer('person-wide-hat', 'A person in a wide-brimmed black hat, in a mustard top',
    'hatHip', HAIR.black, SKIN.brown, CLOTHES.amber, LEGS.denim),
  customer('person-glasses', 'A person with a short undercut and glasses, in a yellow top',
    'shaved2', HAIR.black, SKIN.light, CLOTHES.yellow, LEGS.olive, { accessories: 'glasses3' }),

  // The shop's own people, in the green uniform and an apron with a name badge.
  colleague('colleague-dani', 'A shop colleague with short twists, in the green uniform and apron',
    'twists', HAIR.black, SKIN.tan, CLOTHES.uniform, LEGS.charcoal),
  colleague('colleague-marcus', 'A shop colleague with close-cropped hair and a goatee, in the green uniform and apron',
    'shaved1', HAIR.black, SKIN.dark, CLOTHES.uniform, LEGS.charcoal, { facialHair: 'goatee2' }),
  colleague('colleague-aoife', 'A shop colleague with a ginger ponytail, in the green uniform and apron',
    'mediumBangs2', HAIR.ginger, SKIN.light, CLOTHES.uniform, LEGS.charcoal),
  colleague('colleague-tomasz', 'A shop colleague with a sandy quiff and a beard, in the green uniform and apron',
    'short4', HAIR.sandy, SKIN.fair, CLOTHES.uniform, LEGS.charcoal, { facialHair: 'full' }),
  colleague('colleague-priya', 'A shop colleague with dark hair in a bun, in the green uniform and apron',
    'bun2', HAIR.black, SKIN.brown, CLOTHES.uniform, LEGS.charcoal),
];

// Customer first names (as in the scenarios, without the pronoun) and their looks. A first name
// used in several scenarios keeps one look; the persona decides (age, who they are).
const NAMES_BY_LOOK = {
  rosa: ['Rosa'],
  margaret: ['Margaret'],
  edith: ['Edith'],
  agnes: ['Agnes'],
  'older-woman-grey-waves': ['Doreen', 'Maureen', 'Elspeth', 'Ruth', 'Moira', 'Bernadette'],
  'older-woman-short-grey': ['Ifeoma', 'Lorraine', 'Teresa', 'Hyacinth'],
  'older-man-glasses': ['Bill', 'Graham', 'Martin', 'Henrik'],
  'older-man-grey-beard': ['Desmond', 'Adebayo', 'Gordon'],
  'older-man-moustache': ['Ravi', 'Sunil', 'Imran'],
  'woman-auburn-fringe': ['Niamh', 'Saoirse', 'Siobhan', 'Bronwen', 'Bethan', 'Kerry', 'Gwen', 'Sinead'],
  'woman-blonde-ponytail': ['Hannah', 'Ingrid', 'Sara', 'Olivia', 'Harriet', 'Leah', 'Gemma', 'Rachel'],
  'woman-bun-glasses': ['Joanne', 'Joanna', 'Rebecca', 'Claire', 'Becky', 'Chloe', 'Eleanor', 'Cath'],
  'woman-curls': ['Amara', 'Nkechi', 'Adaeze'],
  'woman-bantu-knots': ['Ngozi'],
  'woman-hijab': ['Fatima', 'Zainab', 'Ayesha', 'Noor', 'Farah'],
  'woman-long-dark-hair': ['Priya', 'Priti', 'Deepa', 'Sunita', 'Leila', 'Nadia', 'Yasmin'],
  'woman-black-bob': ['Mei', 'Yuki', 'Keiko'],
  'woman-long-fringe': ['Sofia', 'Inés', 'Ana', 'Maya', 'Aroha', 'Leilani', 'Chloé', 'Marta', 'Ines'],
  'man-beard': ['Gary', 'Stuart', 'Declan', 'Callum', 'Rhys', 'Tom', 'Owen', 'Dmitri', 'Dominic'],
  'man-dreads': ['Kwame', 'Femi', 'Chidi', 'Oluwaseun'],
  'man-glasses': ['Arjun', 'Sanjay', 'Dev', 'Rajesh'],
  'man-blond': ['Lars', 'Jonas', 'Oliver', 'Ollie', 'Marek', 'Paweł', 'Tomek', 'Tomas', 'Pete'],
  'man-moustache': ['Mateo', 'Diego', 'Luis', 'Sebastián', 'Tomás', 'Mateus'],
  'man-beanie': ['Yusuf', 'Tariq'],
  'man-short-black-hair': ['Kenji', 'Wen'],
  'man-flat-top': ['Tunde', 'Kofi', 'Daniel'],
  'person-pink-mohawk': ['River', 'Jas', 'Alex'],
  'person-wide-hat': ['Sam', 'Jordan', 'Morgan', 'Drew'],
  'person-glasses': ['Ash', 'Jamie', 'Lou', 'Robin', 'Chris', 'Kit'],
  // The till supervisor who writes in "The Sunday rota" is one of the shop's colleagues.
  'colleague-dani': ['Dani'],
  'colleague-marcus': ['Marcus'],
  'colleague-aoife': ['Aoife'],
  'colleague-tomasz': ['Tomasz'],
};
export const NAMES = Object.fromEntries(
  Object.entries(NAMES_BY_LOOK).flatMap(([id, names]) => names.map((n) => [n, id])),
);

// Colleagues named in the scenarios (the colleague at the till in "The bad day").
export const COLLEAGUES = {
  Dani: 'colleague-dani',
  Marcus: 'colleague-marcus',
  Aoife: 'colleague-aoife',
  Tomasz: 'colleague-tomasz',
  Priya: 'colleague-priya',
};

// Looks for a customer whose first name is not in NAMES, in order (ages, skin tones and hair mixed).
export const POOL = [
  'woman-long-fringe', 'man-beard', 'older-woman-grey-waves', 'man-dreads', 'woman-hijab',
  'person-wide-hat', 'man-glasses', 'woman-auburn-fringe', 'older-man-grey-beard', 'woman-curls',
  'man-blond', 'woman-black-bob', 'man-moustache', 'woman-blonde-ponytail', 'person-glasses',
  'older-man-glasses', 'woman-bantu-knots', 'man-short-black-hair', 'woman-long-dark-hair',
  'man-beanie', 'older-woman-short-grey', 'person-pink-mohawk', 'woman-bun-glasses',
  'man-flat-top', 'older-man-moustache',
];
