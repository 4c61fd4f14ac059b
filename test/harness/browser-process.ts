import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { HarnessError } from './harness-error'

/**
 * The Chromium that Playwright started for a persistent context. Playwright keeps no handle
 * to it (context.browser() has no process()), and `chromium.launch()` refuses a
 * `--user-data-dir` argument, so the process is found in /proc (Linux only): the child of
 * this Node process whose command line names the profile. Playwright starts it detached,
 * as the leader of its own process group, so the group holds every Chromium process.
 */
export interface BrowserProcess {
  pid: number
  /** Leads its own process group; if not, the group is this test's and only the pid dies. */
  leadsGroup: boolean
}

export function findBrowserProcess(profileDir: string): BrowserProcess {
  const flag = `--user-data-dir=${resolve(profileDir)}`
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const facts = readProcess(entry)
    if (facts?.parentPid === process.pid && facts.args.includes(flag)) {
      const pid = Number(entry)
      return { pid, leadsGroup: facts.groupId === pid }
    }
  }
  throw new HarnessError(
    `No Chromium started by this test process is running on the profile ${profileDir}`
  )
}

/** SIGKILL to the browser's group: it, its renderers and helpers die at once, as in a crash. */
export function killBrowserProcess(browser: BrowserProcess): void {
  try {
    process.kill(browser.leadsGroup ? -browser.pid : browser.pid, 'SIGKILL')
  } catch (error) {
    // Already gone is what was wanted; anything else (EPERM) is a real failure.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error
  }
}

interface ProcessFacts {
  parentPid: number
  groupId: number
  args: string[]
}

function readProcess(pid: string): ProcessFacts | null {
  let stat: string
  let commandLine: string
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
  } catch {
    // The process ended between listing and reading: not ours to find.
    return null
  }
  // The command name is in parentheses and may hold spaces: the fields follow the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return {
    parentPid: Number(fields[1]),
    groupId: Number(fields[2]),
    args: commandLine.split('\0')
  }
}
