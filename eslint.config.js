import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import svelte from 'eslint-plugin-svelte'
import prettier from 'eslint-config-prettier'
import globals from 'globals'
import svelteConfig from './svelte.config.js'

/**
 * Which folder may import what (DEVELOPERS.md, "Folders"). Type-only imports are allowed:
 * they vanish from the build, and the types are what a thin wiring file hands over.
 */
const electronOnlyInWiring = {
  name: 'electron',
  message:
    'Only src/main/index.ts and src/preload/index.ts import electron: pass what you need in as a parameter.',
  allowTypeImports: true
}
const noDexie = {
  group: ['dexie', 'dexie/*'],
  message: 'Dexie stays behind src/renderer/src/db: use the typed database module.'
}
const noNode = {
  group: ['node:*'],
  message: 'This code runs in the page or in both processes: no Node built-ins here.'
}
const noSvelte = {
  group: ['svelte', 'svelte/*'],
  message: 'src/shared is plain TypeScript for both processes: no Svelte here.'
}
const noComponents = {
  group: ['**/components/**', '**/components'],
  message:
    'State and storage must not depend on components: move what both need out of components/.'
}
const noAppProcesses = {
  group: ['**/main/**', '**/renderer/**', '$main/**', '$renderer/**'],
  message: 'The practice site stands alone: it may import src/shared only.'
}

const noDeepClimb = {
  regex: '^(\\.\\./){3,}',
  message:
    'Climbing three folders is hard to follow: use an alias ($shared, $renderer, $main, $preload, $sim, $test; tsconfig.base.json).'
}

/** Every rule set also refuses an import that climbs three folders. */
function restrict(paths, patterns = []) {
  return {
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths, patterns: [...patterns, noDeepClimb] }
      ]
    }
  }
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  prettier,
  ...svelte.configs['flat/prettier'],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        projectService: false,
        extraFileExtensions: ['.svelte'],
        parser: tseslint.parser,
        svelteConfig
      }
    }
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ],
      'no-console': ['error', { allow: ['warn', 'error', 'info'] }]
    }
  },
  {
    files: ['src/main/index.ts', 'src/preload/index.ts', 'test/**/*', 'bench/**/*'],
    ...restrict([])
  },
  {
    files: ['src/**/*.ts', 'src/**/*.svelte'],
    ignores: ['src/main/index.ts', 'src/preload/index.ts'],
    ...restrict([electronOnlyInWiring])
  },
  {
    files: ['src/shared/**/*'],
    ...restrict([electronOnlyInWiring], [noDexie, noNode, noSvelte])
  },
  {
    files: ['src/renderer/**/*'],
    ignores: ['src/renderer/src/db/**/*'],
    ...restrict([electronOnlyInWiring], [noDexie, noNode])
  },
  {
    files: ['src/renderer/src/db/**/*'],
    ...restrict([electronOnlyInWiring], [noNode, noComponents])
  },
  {
    files: ['src/renderer/src/state/**/*'],
    ...restrict([electronOnlyInWiring], [noDexie, noNode, noComponents])
  },
  {
    files: ['src/preload/**/*'],
    ignores: ['src/preload/index.ts'],
    ...restrict([electronOnlyInWiring], [noDexie, noNode])
  },
  {
    files: ['src/sim/**/*'],
    ...restrict([electronOnlyInWiring], [noDexie, noAppProcesses])
  },
  {
    files: ['test/**/*', 'bench/**/*', 'src/sim/cli.ts'],
    rules: { 'no-console': 'off' }
  }
)
