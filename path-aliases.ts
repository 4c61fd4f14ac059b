import { fileURLToPath } from 'node:url'

const folder = (path: string): string => fileURLToPath(new URL(path, import.meta.url))

/**
 * The import aliases, for Vite (electron-vite, vitest, the harness and bench builds). They
 * mirror tsconfig.base.json's `paths`, which tsc, svelte-check and tsx read;
 * test/lint/path-aliases.test.ts keeps the two the same. Vite's own tsconfigPaths is not
 * used: it does not resolve the aliases in .svelte files.
 */
export const pathAliases: Record<string, string> = {
  $shared: folder('./src/shared'),
  $main: folder('./src/main'),
  $preload: folder('./src/preload'),
  $renderer: folder('./src/renderer/src'),
  $sim: folder('./src/sim'),
  $test: folder('./test')
}
