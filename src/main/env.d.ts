/// <reference types="electron-vite/node" />

// Set by electron-vite at build time: DEV is false in every built app.
interface ImportMetaEnv {
  /** An update feed baked into a church's own build; the app's setting overrides it. */
  readonly MAIN_VITE_UPDATE_FEED_URL?: string
  /** The ApplicationId ACS issued to this app (CONTRACT.md section 2); never committed. */
  readonly MAIN_VITE_ACS_APPLICATION_ID?: string
}
