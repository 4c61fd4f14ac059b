import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { pathAliases } from './path-aliases'

const resolveAliases = { alias: pathAliases }

export default defineConfig({
  main: {
    resolve: resolveAliases,
    build: {
      // Bundled into out/main instead of loaded from node_modules at start: Node resolving,
      // reading and compiling their hundreds of files (zod, electron-store with conf and
      // ajv, electron-log) was half of the main process's start (bench/RESULTS.md,
      // main-start). They stay dependencies, so the packaged app keeps their licences.
      // electron-updater stays outside: it is imported only at the first update check.
      externalizeDeps: {
        exclude: ['zod', 'electron-store', 'electron-log', 'fflate', 'atomically']
      }
    }
  },
  preload: {
    resolve: resolveAliases,
    build: {
      // A sandboxed preload can require() nothing but a few Electron modules, so zod is
      // bundled in, and sandboxed preloads only run CommonJS.
      externalizeDeps: false,
      rollupOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } }
    }
  },
  renderer: {
    resolve: resolveAliases,
    root: resolve(import.meta.dirname, 'src/renderer'),
    plugins: [svelte({ configFile: resolve(import.meta.dirname, 'svelte.config.js') })],
    build: {
      rollupOptions: { input: resolve(import.meta.dirname, 'src/renderer/index.html') }
    }
  }
})
