import { buildApp } from './build-app'

/** The packaging checks read the built app: build it once, from the current source. */
export default async function setup(): Promise<void> {
  await buildApp()
}
