import { svelte } from '@sveltejs/vite-plugin-svelte'
import { join } from 'node:path'
import { build } from 'vite'
import { rendererResolve } from '../build-renderer'
import { CAPTURE_DRIVER_FOLDER } from './driver-contract'

const PROJECT_ROOT = join(import.meta.dirname, '../../..')

/**
 * Builds the capture driver page into a folder of the renderer's build, so the harness
 * serves it on the app's origin (same IndexedDB) under the production CSP. It is its own
 * build, never an input of the app's: the production bundle cannot contain it.
 */
export async function buildCaptureDriver(rendererOutDir: string): Promise<void> {
  await build({
    configFile: false,
    root: import.meta.dirname,
    base: './',
    mode: 'production',
    logLevel: 'warn',
    plugins: [svelte({ configFile: join(PROJECT_ROOT, 'svelte.config.js') })],
    resolve: rendererResolve,
    build: {
      outDir: join(rendererOutDir, CAPTURE_DRIVER_FOLDER),
      emptyOutDir: true,
      rollupOptions: { input: join(import.meta.dirname, 'capture-driver.html') }
    }
  })
}
