import { svelte } from '@sveltejs/vite-plugin-svelte'
import { join } from 'node:path'
import { pathAliases } from '../../path-aliases'
import { build } from 'vite'

const PROJECT_ROOT = join(import.meta.dirname, '../..')

/** How every page build here resolves the app's import aliases ($shared, $renderer, …). */
export const rendererResolve = { alias: pathAliases }

/** Where global setup tells the harness (in the test workers) it put this run's build. */
export const RENDERER_DIR_ENV = 'DESK_HARNESS_RENDERER_DIR'

/** The folder that holds each run's build (`renderer-<pid>`). */
export const RENDERER_BUILDS_DIR = join(PROJECT_ROOT, 'out/harness')

/** This run's build, or the folder a script passed to buildRenderer without global setup. */
export function rendererDir(): string {
  return process.env[RENDERER_DIR_ENV] ?? join(RENDERER_BUILDS_DIR, 'renderer')
}

/**
 * Builds the renderer as electron-vite's renderer section does (root src/renderer, the
 * svelte plugin with svelte.config.js, relative base), so the harness serves what the app
 * would load, made from the current source.
 */
export async function buildRenderer(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: join(PROJECT_ROOT, 'src/renderer'),
    base: './',
    mode: 'production',
    logLevel: 'warn',
    plugins: [svelte({ configFile: join(PROJECT_ROOT, 'svelte.config.js') })],
    resolve: rendererResolve,
    build: {
      outDir,
      emptyOutDir: true,
      rollupOptions: { input: join(PROJECT_ROOT, 'src/renderer/index.html') }
    }
  })
}
