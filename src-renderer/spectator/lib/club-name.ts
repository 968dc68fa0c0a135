/**
 * A club's name short enough for a phone's results row, the way Czech results sheets shorten
 * them: the legal form and the section go ("z. s.", ", oddíl kanoistiky"), and a leading run of
 * generic words becomes its initials ("Univerzitní sportovní klub Praha" → "USK Praha",
 * "Klub vodních sportů Sušice" → "KVS Sušice"). A name that already starts with its abbreviation
 * ("SK Vodní slalom České Budějovice") keeps its words. The full name stays in the run detail and
 * in the search. Pure.
 */

// Generic words of club names (Czech and English, compared without accents and case).
const GENERIC = new Set([
  'univerzitni',
  'sportovni',
  'klub',
  'kanoisticky',
  'kanoistika',
  'kanoistiky',
  'kajak',
  'kanoe',
  'vodacky',
  'vodacku',
  'oddil',
  'vodni',
  'vodnich',
  'sporty',
  'sportu',
  'telovychovna',
  'jednota',
  'raft',
  'canoe',
  'kayak',
  'club',
  'wild',
  'water',
  'sport',
  'sports',
  'slalom',
  'slalomu',
  'sdruzeni',
  'spolek',
]);

// ", z. s.", " z.s.", ", o. s.", ", spolek" at the end; ", oddíl kanoistiky" / " - oddíl …" anywhere after the name.
const LEGAL_FORM = /[,\s]+(?:z\.\s?s\.|o\.\s?s\.|spolek)(?=$|[\s,-])/giu;
const SECTION = /\s*(?:,|\s-)\s*odd[ií]l\b.*$/iu;

function plain(word: string): string {
  return word
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

export function shortClub(club: string | null | undefined): string {
  if (!club) return '';
  let name = club
    .replace(SECTION, '')
    .replace(LEGAL_FORM, '')
    .replace(/[\s,-]+$/u, '')
    .trim();
  if (!name) return club.trim();
  const words = name.split(/\s+/u);
  let n = 0;
  while (n < words.length - 1 && GENERIC.has(plain(words[n]))) n++;
  // Two or more generic words in front become initials; one alone (e.g. "Klub") reads better whole.
  if (n >= 2)
    name = [
      words
        .slice(0, n)
        .map((w) => w[0].toLocaleUpperCase('cs'))
        .join(''),
      ...words.slice(n),
    ].join(' ');
  return name;
}
