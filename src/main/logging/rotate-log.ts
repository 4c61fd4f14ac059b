import { renameSync, rmSync } from 'node:fs'
import { join, parse } from 'node:path'

/**
 * Moves `main.log` to `main.1.log`, `main.1.log` to `main.2.log`, and so on, dropping the
 * oldest beyond `keep` archives. Synchronous, because electron-log empties the live file
 * right after this returns.
 */
export function rotateLogFile(filePath: string, keep: number): void {
  const { dir, name, ext } = parse(filePath)
  const archive = (index: number): string => join(dir, `${name}.${index}${ext}`)
  rmSync(archive(keep), { force: true })
  for (let index = keep - 1; index >= 1; index--) {
    try {
      renameSync(archive(index), archive(index + 1))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
  }
  renameSync(filePath, archive(1))
}

/** The live file and its archives, newest first: the order a person reads them in. */
export function logFileNames(baseName: string, keep: number): string[] {
  const { name, ext } = parse(baseName)
  return [baseName, ...Array.from({ length: keep }, (_, i) => `${name}.${i + 1}${ext}`)]
}
