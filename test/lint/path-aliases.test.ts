import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { pathAliases } from '../../path-aliases'

/** tsc, svelte-check and tsx read tsconfig.base.json's paths; Vite reads path-aliases.ts. */
describe('path aliases', () => {
  it('are the same for Vite as for TypeScript', () => {
    const base = JSON.parse(
      readFileSync(new URL('../../tsconfig.base.json', import.meta.url), 'utf8')
    )
    const root = new URL('../../', import.meta.url).pathname
    const forVite = Object.fromEntries(
      Object.entries(pathAliases).map(([alias, folder]) => [
        `${alias}/*`,
        [`./${relative(root, folder)}/*`]
      ])
    )
    expect(forVite).toEqual(base.compilerOptions.paths)
  })
})
