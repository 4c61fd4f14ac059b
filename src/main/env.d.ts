/** What electron-vite puts in import.meta.env for the main process when building. */
interface ImportMetaEnv {
  /** The ApplicationId ACS issued to this app (CONTRACT.md section 2); never committed. */
  readonly MAIN_VITE_ACS_APPLICATION_ID?: string
}

interface ImportMeta {
  readonly env: ImportMetaEnv
}
