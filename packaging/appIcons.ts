// Renders the app icon for every package target from the one SVG (renderer/favicon.svg): Linux PNG sizes, Windows .ico, macOS .icns.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';

const root = fileURLToPath(new URL('../', import.meta.url));
export const iconSource = path.join(root, 'renderer', 'favicon.svg');
/** electron-builder reads these (electron-builder.yml); dist/ is build output, never committed. */
export const iconDir = path.join(root, 'dist', 'icons');

/** Sizes freedesktop icon themes look for (the .desktop file's hicolor set); 1024 feeds the .icns and .ico. */
export const linuxIconSizes = [16, 24, 32, 48, 64, 128, 256, 512] as const;

export function renderPng(svg: string, size: number): Buffer {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng();
}

export interface WrittenIcons {
  readonly pngDir: string;
  readonly ico: string;
  readonly icns: string;
}

export async function writeAppIcons(outDir = iconDir, svgFile = iconSource): Promise<WrittenIcons> {
  const svg = await readFile(svgFile, 'utf8');
  const pngDir = path.join(outDir, 'png');
  await mkdir(pngDir, { recursive: true });
  for (const size of linuxIconSizes) await writeFile(path.join(pngDir, `${size}x${size}.png`), renderPng(svg, size));
  const large = renderPng(svg, 1024);
  const ico = png2icons.createICO(large, png2icons.BICUBIC, 0, true, true);
  const icns = png2icons.createICNS(large, png2icons.BICUBIC, 0);
  if (ico === null || icns === null) throw new Error('png2icons could not convert the 1024 px icon');
  const files = { pngDir, ico: path.join(outDir, 'icon.ico'), icns: path.join(outDir, 'icon.icns') };
  await writeFile(files.ico, ico);
  await writeFile(files.icns, icns);
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const written = await writeAppIcons();
  process.stdout.write(`Icons written to ${path.relative(root, path.dirname(written.ico))}\n`);
}
