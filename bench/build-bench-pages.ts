import { svelte } from '@sveltejs/vite-plugin-svelte'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build, type InlineConfig } from 'vite'
import { buildRenderer, rendererResolve } from '../test/harness/build-renderer'

const PROJECT_ROOT = join(import.meta.dirname, '..')
const PAGES = join(import.meta.dirname, 'pages')

export interface BenchBuild {
  /**
   * The app's renderer as the harness builds it, with the desk bench page in `bench/` and
   * the peer page and its service worker in `peer/`.
   */
  deskDir: string
  /** Where the real renderer's own files are: `deskDir` without `bench/`. */
  rendererAssetsDir: string
  remove(): Promise<void>
}

/** The paths under deskDir the bench pages are served from. */
export const DESK_BENCH_PATH = '/bench/index.html'
export const PEER_BENCH_PATH = '/peer/index.html'

/**
 * Builds everything the browser loads, production mode, into a temp folder. The bench
 * pages go beside the real renderer so that they share the app's origin (its IndexedDB,
 * its disk, the bridge's sender check) and the first-screen metric can open the app.
 */
export async function buildBenchPages(): Promise<BenchBuild> {
  const root = await mkdtemp(join(tmpdir(), 'connections-desk-bench-'))
  const deskDir = join(root, 'desk')
  const peerDir = join(deskDir, 'peer')
  try {
    await buildRenderer(deskDir)
    await build(pageConfig(join(PAGES, 'desk'), join(deskDir, 'bench')))
    await build(pageConfig(join(PAGES, 'peer'), peerDir))
    await build(serviceWorkerConfig(peerDir))
  } catch (error) {
    await rm(root, { recursive: true, force: true })
    throw error
  }
  return {
    deskDir,
    rendererAssetsDir: join(deskDir, 'assets'),
    remove: () => rm(root, { recursive: true, force: true })
  }
}

function pageConfig(pageRoot: string, outDir: string): InlineConfig {
  return {
    configFile: false,
    root: pageRoot,
    base: './',
    mode: 'production',
    logLevel: 'warn',
    plugins: [svelte({ configFile: join(PROJECT_ROOT, 'svelte.config.js') })],
    resolve: rendererResolve,
    build: {
      outDir,
      emptyOutDir: true,
      // BENCH_UNMINIFIED=1 keeps function names readable in CPU profiles of the pages.
      minify: process.env.BENCH_UNMINIFIED !== '1',
      rollupOptions: { input: join(pageRoot, 'index.html') }
    }
  }
}

/** The peer's queue lives in a service worker: one file, beside the peer page (its scope). */
function serviceWorkerConfig(outDir: string): InlineConfig {
  return {
    configFile: false,
    mode: 'production',
    logLevel: 'warn',
    // Workbox reads process.env.NODE_ENV to leave out its development logging.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    resolve: rendererResolve,
    build: {
      outDir,
      emptyOutDir: false,
      lib: {
        entry: join(PAGES, 'peer', 'peer-sw.ts'),
        formats: ['es'],
        fileName: () => 'peer-sw.js'
      }
    }
  }
}
