import { parseCliArgs, USAGE } from './cli-args'
import { startPracticeSite } from './practice-site'

/** `npm run sim -- [--port N] [--seed N] [--people N] [--state FILE] [--control]` */
async function main(): Promise<void> {
  const command = parseCliArgs(process.argv.slice(2))
  if (command.kind === 'help') {
    console.log(USAGE)
    return
  }
  if (command.kind === 'invalid') {
    console.error(`${command.message}\n${USAGE}`)
    process.exitCode = 2
    return
  }

  const site = await startPracticeSite(command.options)
  console.log(`ACS simulator listening on ${site.baseUrl}`)

  let stopping = false
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return
    stopping = true
    site.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`The practice site did not close cleanly after ${signal}:`, error)
        process.exit(1)
      }
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
