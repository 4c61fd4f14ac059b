import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

/**
 * The folder rules of DEVELOPERS.md, checked through the project's own eslint config on
 * code that breaks each one (linted as text at a path in that folder; nothing is written).
 */
const eslint = new ESLint()

async function refusedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((message) => /'([^']+)'/.exec(message.message)?.[1] ?? message.message)
}

const importing = (...modules: string[]): string =>
  modules.map((name, index) => `import * as m${index} from '${name}'\n`).join('') +
  `export const all = [${modules.map((_, index) => `m${index}`).join(', ')}]\n`

describe('import boundaries', () => {
  it('let only the two wiring files import electron', async () => {
    expect(await refusedImports('src/main/index.ts', importing('electron'))).toEqual([])
    expect(await refusedImports('src/preload/index.ts', importing('electron'))).toEqual([])
    for (const file of [
      'src/main/electron-support.ts',
      'src/main/api/http.ts',
      'src/preload/build-api.ts',
      'src/renderer/src/app-state.svelte.ts',
      'src/sim/practice-site.ts',
      'src/shared/errors.ts'
    ]) {
      expect(await refusedImports(file, importing('electron')), file).toEqual(['electron'])
    }
  })

  it('allow a type-only import of electron, which leaves nothing in the build', async () => {
    const code = "import type { BrowserWindow } from 'electron'\nexport type W = BrowserWindow\n"
    expect(await refusedImports('src/main/electron-support.ts', code)).toEqual([])
  })

  it('keep src/shared free of dexie, svelte and Node built-ins', async () => {
    const code = importing('dexie', 'svelte', 'svelte/store', 'node:fs')
    expect(await refusedImports('src/shared/outbox/outbox-state.ts', code)).toEqual([
      'dexie',
      'svelte',
      'svelte/store',
      'node:fs'
    ])
  })

  it('keep Dexie behind the database module and Node out of the page', async () => {
    expect(
      await refusedImports('src/renderer/src/db/desk-database.ts', importing('dexie'))
    ).toEqual([])
    expect(
      await refusedImports('src/renderer/src/data/reference-sync.ts', importing('dexie', 'node:os'))
    ).toEqual(['dexie', 'node:os'])
  })

  it('keep state and storage from depending on components', async () => {
    const code = importing('../components/outbox/outbox-selection.svelte')
    expect(await refusedImports('src/renderer/src/state/row-window.svelte.ts', code)).toEqual([
      '../components/outbox/outbox-selection.svelte'
    ])
    expect(await refusedImports('src/renderer/src/db/desk-database.ts', code)).toEqual([
      '../components/outbox/outbox-selection.svelte'
    ])
  })

  it('keep the practice site apart from the app it stands in for', async () => {
    const code = importing(
      '../main/api/http',
      '../renderer/src/db/desk-database',
      '../shared/errors'
    )
    expect(await refusedImports('src/sim/practice-site.ts', code)).toEqual([
      '../main/api/http',
      '../renderer/src/db/desk-database'
    ])
  })

  it('refuse an import that climbs three folders, and take the alias instead', async () => {
    const climbing = importing('../../../shared/errors', '../../state/clock.svelte')
    expect(
      await refusedImports(
        'src/renderer/src/components/forms/result/result-form-state.svelte.ts',
        climbing
      )
    ).toEqual(['../../../shared/errors'])
    expect(
      await refusedImports(
        'test/renderer/components/forms/result/x.test.ts',
        importing('../../../../support/until')
      )
    ).toEqual(['../../../../support/until'])
    const aliased = importing(
      '$shared/errors',
      '$renderer/state/clock.svelte',
      '$test/renderer/support/until'
    )
    expect(
      await refusedImports(
        'src/renderer/src/components/forms/result/result-form-state.svelte.ts',
        aliased
      )
    ).toEqual([])
  })
})
