import { defineConfig } from 'vitest/config'
import { playwright } from '@vitest/browser-playwright'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { chromiumLaunchOptions } from './test/setup/chromium.ts'
import { pathAliases } from './path-aliases.ts'

const resolve = { alias: pathAliases }

export default defineConfig({
  test: {
    projects: [
      {
        resolve,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/{main,shared,sim,preload,lint}/**/*.test.ts'],
          setupFiles: ['test/setup/electron-mock.ts'],
          testTimeout: 20_000
        }
      },
      {
        resolve,
        test: {
          name: 'dist',
          environment: 'node',
          include: ['test/dist/**/*.test.ts'],
          globalSetup: ['test/dist/global-setup.ts'],
          // One packaging check at a time: each is a build step of its own.
          fileParallelism: false,
          // No electron mock here: the boot check brings its own recording stand-in.
          testTimeout: 120_000,
          hookTimeout: 120_000
        }
      },
      {
        resolve,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          setupFiles: ['test/setup/electron-mock.ts'],
          globalSetup: ['test/harness/global-setup.ts'],
          // One Chromium at a time: these machines have two cores.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // The same budget as every Playwright wait here: a poll is a wait for a named
          // thing, and vitest's default of one second is shorter than a loaded CI's pause.
          expect: { poll: { timeout: 30_000 } }
        }
      },
      {
        resolve,
        plugins: [svelte()],
        test: {
          name: 'browser',
          include: ['test/renderer/**/*.test.ts'],
          testTimeout: 20_000,
          // expect.poll and expect.element wait for a named thing; one second (the default)
          // is shorter than a loaded CI's pause.
          expect: { poll: { timeout: 10_000 } },
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({ launchOptions: chromiumLaunchOptions() }),
            instances: [{ browser: 'chromium' }]
          }
        }
      }
    ]
  }
})
