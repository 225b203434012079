import { randomFor } from '../../sound/seeded-random.js';
import { contrastRatio, parseHex, rotateHue, toHex, type Rgb } from './colour.js';

/** A template's colours: a background ramp (dark to light or the reverse), two accents and ink for type. */
export interface Palette {
  /** The mood it came from ("midnight"), or "seeded" when the prompt named none. */
  name: string;
  /** Three stops, from the deepest to the brightest part of the background. */
  background: readonly [string, string, string];
  accent: string;
  accent2: string;
  /** Type colour: passes 4.5:1 against the two deepest background stops, where type sits. */
  ink: string;
  /** Secondary type (subtitles, attributions). */
  muted: string;
  /** True for light backgrounds with dark ink. */
  light: boolean;
}

interface Mood {
  words: readonly string[];
  background: readonly [string, string, string];
  accent: string;
  accent2: string;
  ink: string;
  muted: string;
}

/**
 * Hand-picked moods, each named by the words a creator is likely to type. Colour
 * words point at the mood that carries that colour best ("blue" → ocean).
 */
const MOODS: Readonly<Record<string, Mood>> = {
  midnight: {
    words: ['midnight', 'night', 'moon', 'moonlit', 'navy', 'starry', 'stars', 'dark'],
    background: ['#070b1f', '#121c45', '#26367a'],
    accent: '#f4c86a',
    accent2: '#8fb3ff',
    ink: '#f6f3ea',
    muted: '#aab4d6',
  },
  warm: {
    words: ['warm', 'cozy', 'cosy', 'coffee', 'orange', 'amber', 'terracotta', 'rust'],
    background: ['#2a130b', '#6e2c14', '#b9542a'],
    accent: '#ffcf8f',
    accent2: '#ff8a5b',
    ink: '#fff5ea',
    muted: '#f1c7a6',
  },
  forest: {
    words: ['forest', 'woods', 'woodland', 'green', 'jungle', 'moss', 'nature', 'leaf', 'leaves'],
    background: ['#0a1c12', '#173a26', '#2f6643'],
    accent: '#d3e98a',
    accent2: '#7cc79a',
    ink: '#f1f6ea',
    muted: '#a9c8b1',
  },
  ocean: {
    words: ['ocean', 'sea', 'blue', 'water', 'wave', 'waves', 'harbour', 'harbor', 'teal', 'aqua', 'marine'],
    background: ['#041d30', '#0a4661', '#12809a'],
    accent: '#8cf0df',
    accent2: '#ffd58a',
    ink: '#effaff',
    muted: '#9fd1e0',
  },
  sunset: {
    words: ['sunset', 'dusk', 'sunrise', 'dawn', 'evening', 'golden hour', 'tropical'],
    background: ['#2a0f3d', '#8f2c5a', '#f0784d'],
    accent: '#ffe08a',
    accent2: '#ffb1a0',
    ink: '#fff8f0',
    muted: '#ffd0c0',
  },
  pastel: {
    words: ['pastel', 'soft', 'gentle', 'baby', 'dreamy', 'light', 'airy'],
    background: ['#fbe9f0', '#ece8ff', '#dff2f1'],
    accent: '#7d5fc9',
    accent2: '#e7789a',
    ink: '#2b2740',
    muted: '#5f5a78',
  },
  neon: {
    words: ['neon', 'cyber', 'cyberpunk', 'synthwave', 'retro', 'arcade', 'electric', 'vaporwave'],
    background: ['#07030f', '#1d0a3c', '#3d1170'],
    accent: '#ff3fa4',
    accent2: '#2ef2ff',
    ink: '#ffffff',
    muted: '#c6b5ff',
  },
  noir: {
    words: ['noir', 'mono', 'monochrome', 'black', 'minimal', 'minimalist', 'grey', 'gray', 'charcoal'],
    background: ['#0b0b0c', '#1b1c1f', '#34363b'],
    accent: '#f2f2f2',
    accent2: '#9a9da5',
    ink: '#ffffff',
    muted: '#b4b6bc',
  },
  autumn: {
    words: ['autumn', 'fall', 'harvest', 'pumpkin', 'maple', 'brown'],
    background: ['#24120a', '#5a2510', '#9a4716'],
    accent: '#f5b041',
    accent2: '#e06d3c',
    ink: '#fff4e6',
    muted: '#e3c19c',
  },
  spring: {
    words: ['spring', 'fresh', 'mint', 'bloom', 'garden', 'meadow'],
    background: ['#f2fbef', '#daf3e4', '#bfe8d5'],
    accent: '#238a58',
    accent2: '#f08aa8',
    ink: '#12301f',
    muted: '#3f6650',
  },
  desert: {
    words: ['desert', 'sand', 'sandy', 'dune', 'beige', 'earth', 'clay'],
    background: ['#f7ead2', '#ecd1a6', '#d9a770'],
    accent: '#8e3a1b',
    accent2: '#3f6e7a',
    ink: '#34200f',
    muted: '#6b4a2c',
  },
  winter: {
    words: ['winter', 'ice', 'icy', 'snow', 'frost', 'frozen', 'cold', 'arctic'],
    background: ['#f1f6fb', '#dbe8f4', '#bcd3ea'],
    accent: '#255a8f',
    accent2: '#7aa7d6',
    ink: '#0e2236',
    muted: '#3f5872',
  },
  fire: {
    words: ['fire', 'red', 'flame', 'lava', 'volcano', 'crimson', 'danger', 'blood'],
    background: ['#160404', '#4f0b0b', '#9c1a12'],
    accent: '#ff8a2e',
    accent2: '#ffd36b',
    ink: '#fff3ec',
    muted: '#f0b3a0',
  },
  gold: {
    words: ['gold', 'golden', 'luxury', 'elegant', 'premium', 'royal gold', 'yellow'],
    background: ['#0f0d09', '#211c12', '#3a3020'],
    accent: '#dcb76a',
    accent2: '#f3e2b3',
    ink: '#f8f1e0',
    muted: '#c5b391',
  },
  royal: {
    words: ['royal', 'purple', 'violet', 'magic', 'mystic', 'mystical', 'fantasy', 'lavender'],
    background: ['#120a2e', '#2f1866', '#5a2ea0'],
    accent: '#f2c6ff',
    accent2: '#ffcf70',
    ink: '#faf5ff',
    muted: '#c8b6ec',
  },
  candy: {
    words: ['candy', 'pink', 'sweet', 'playful', 'fun', 'bubblegum', 'kids'],
    background: ['#ffe3ee', '#ffc9dc', '#ffb0c8'],
    accent: '#9c1f5c',
    accent2: '#3a7bd5',
    ink: '#3d0c24',
    muted: '#7a3556',
  },
};

const MOOD_NAMES = Object.keys(MOODS);

/** Where in the prompt each mood is first named; the earliest named mood leads. */
export function moodsInPrompt(prompt: string): string[] {
  const text = ` ${prompt
    .toLowerCase()
    .replace(/[^a-z\s-]/g, ' ')
    .replace(/\s+/g, ' ')} `;
  const found: { name: string; at: number }[] = [];
  for (const [name, mood] of Object.entries(MOODS)) {
    const positions = mood.words.map((word) => text.indexOf(` ${word} `)).filter((at) => at >= 0);
    if (positions.length > 0) found.push({ name, at: Math.min(...positions) });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.name);
}

/**
 * The palette for a prompt and seed: the first mood the prompt names sets the
 * scene, a second one lends its accent, and the seed turns the hues a little so
 * each seed is its own variation. A prompt with no mood words gets a mood by seed.
 */
export function paletteFor(prompt: string, seed: number): Palette {
  const random = randomFor('palette', seed);
  const named = moodsInPrompt(prompt);
  const name = named[0] ?? random.pick<string>(MOOD_NAMES.filter((m) => m !== 'noir'));
  const mood = MOODS[name] as Mood;
  const second = named[1] ? MOODS[named[1]] : undefined;
  // A small turn of the wheel: enough to tell seeds apart, not enough to leave the mood.
  const turn = random.range(-10, 10);
  const turned = (hex: string) => toHex(rotateHue(parseHex(hex), turn));
  const background = mood.background.map(turned) as [string, string, string];
  const accent = second && second.accent !== mood.accent ? second.accent : mood.accent;
  return {
    name: named[0] ?? 'seeded',
    background,
    accent: turned(accent),
    accent2: turned(mood.accent2),
    ink: readableInk(mood.ink, background),
    muted: mood.muted,
    light: isLight(parseHex(background[1])),
  };
}

function isLight(rgb: Rgb): boolean {
  return contrastRatio(rgb, [0, 0, 0]) > contrastRatio(rgb, [255, 255, 255]);
}

/**
 * Keeps the mood's ink unless a turned background made it hard to read; then plain
 * black or white. Type sits on the deep two stops, so those are the ones checked.
 */
function readableInk(ink: string, background: readonly string[]): string {
  const worst = Math.min(...background.slice(0, 2).map((stop) => contrastRatio(parseHex(ink), parseHex(stop))));
  if (worst >= 4.5) return ink;
  return isLight(parseHex(background[1] as string)) ? '#111111' : '#ffffff';
}
