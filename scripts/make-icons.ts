/**
 * Writes every icon the installers need from the one source drawing, resources/icon.svg:
 * resources/icons/icon.ico (Windows), icon.icns (macOS) and png/<size>x<size>.png (Linux).
 * icon-gen renders the SVG (through sharp) and packs the ico and icns containers, so no icon is
 * drawn or converted by hand. Run `npm run icons` after changing the drawing, and commit the output.
 */
import { mkdir, readdir, rename, rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import generateIcon from 'icon-gen'

const root = resolve(import.meta.dirname, '..')
const source = join(root, 'resources', 'icon.svg')
const out = join(root, 'resources', 'icons')
const pngFolder = join(out, 'png')

/** The sizes Linux desktops look for; electron-builder reads the size from each file's name. */
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
const PNG_PREFIX = 'linux-'

await rm(out, { recursive: true, force: true })
await mkdir(pngFolder, { recursive: true })
await generateIcon(source, out, {
  report: false,
  ico: { name: 'icon', sizes: [16, 24, 32, 48, 64, 128, 256] },
  icns: { name: 'icon', sizes: [16, 32, 64, 128, 256, 512, 1024] },
  favicon: { name: PNG_PREFIX, pngSizes: LINUX_SIZES, icoSizes: [] }
})
for (const file of await readdir(out)) {
  const size = new RegExp(`^${PNG_PREFIX}(\\d+)\\.png$`).exec(file)?.[1]
  if (size) await rename(join(out, file), join(pngFolder, `${size}x${size}.png`))
  // favicon mode always adds a favicon.ico for web pages; the app has no use for it.
  if (file === 'favicon.ico') await rm(join(out, file))
}
console.info(`Icons written to ${out}`)
