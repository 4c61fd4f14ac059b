import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { DeskSession } from './desk-session'

/**
 * With BENCH_CPU_PROFILE_DIR=<folder>, the page's CPU profile over a measured stretch, as
 * <folder>/<label>.cpuprofile (Chrome DevTools' format): to see what a slow figure spent its
 * time on. Without it, nothing is recorded.
 */
export async function startCpuProfile(
  session: DeskSession,
  label: string
): Promise<{ stop(): Promise<void> }> {
  const folder = process.env.BENCH_CPU_PROFILE_DIR
  if (!folder) return { stop: async () => {} }
  await session.cdp.send('Profiler.enable')
  await session.cdp.send('Profiler.setSamplingInterval', { interval: 200 })
  await session.cdp.send('Profiler.start')
  return {
    async stop() {
      const { profile } = await session.cdp.send('Profiler.stop')
      await mkdir(folder, { recursive: true })
      const path = join(folder, `${label}.cpuprofile`)
      await writeFile(path, JSON.stringify(profile))
      console.info(`bench: CPU profile written to ${path}`)
    }
  }
}
