import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { FONT } from './palette.js';

/** The PNG's longer side never exceeds this, whatever the topology's size. */
export const MAX_PNG_SIDE = 4000;
/** Small diagrams are drawn at twice their natural size, so text stays sharp in chat previews. */
const PREFERRED_ZOOM = 2;

const FACES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf', 'DejaVuSans-BoldOblique.ttf'];

/**
 * The fonts ship in an npm package and system fonts are never loaded, so a PNG looks the same on
 * every machine, including a bare container.
 */
export function fontFiles(): string[] {
  const dir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return FACES.map((f) => join(dir, f));
}

export interface Png {
  png: Buffer;
  width: number;
  height: number;
}

export function svgToPng(svg: string, maxSide = MAX_PNG_SIDE): Png {
  const font = { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: FONT };
  const natural = new Resvg(svg, { font });
  const longer = Math.max(natural.width, natural.height);
  const zoom = Math.min(PREFERRED_ZOOM, maxSide / longer);
  const fitTo =
    natural.width >= natural.height
      ? ({ mode: 'width', value: Math.max(1, Math.floor(natural.width * zoom)) } as const)
      : ({ mode: 'height', value: Math.max(1, Math.floor(natural.height * zoom)) } as const);
  const image = new Resvg(svg, { font, fitTo, background: '#ffffff' }).render();
  return { png: image.asPng(), width: image.width, height: image.height };
}
