import * as z from 'zod'
import type { ApplicationIdSource } from '../shared/application-id'
import type { CredentialStatus } from '../shared/bridge/channels'
import { siteKeyOf } from '../shared/site-key'
import { DEFAULT_BASE_URL } from './base-url'
import type { CredentialVault, Credentials, SiteCredentials } from './service-contracts'

/** The part of Electron's safeStorage the vault uses; the async API is preferred. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  encryptString(plainText: string): Buffer
  decryptString(encrypted: Buffer): string
  isAsyncEncryptionAvailable?: () => Promise<boolean>
  encryptStringAsync?: (plainText: string) => Promise<Buffer>
  decryptStringAsync?: (encrypted: Buffer) => Promise<{ result: string; shouldReEncrypt: boolean }>
  /** Linux only: which password manager holds the key. */
  getSelectedStorageBackend?: () => string
}

/** The part of electron-store the vault uses. */
export interface SettingsStore {
  get(key: string): unknown
  set(key: string, value: unknown): void
  delete(key: string): void
}

export interface CredentialVaultOptions {
  safeStorage: SafeStorageLike
  store: SettingsStore
  platform?: NodeJS.Platform
  warn?: (message: string) => void
  /** The pause between looks at a locked keychain; real timers by default. */
  sleep?: (ms: number) => Promise<void>
  /** Where the ApplicationId comes from, for the status (application-id-setting.ts). */
  applicationIdSource?: () => ApplicationIdSource
}

export const CREDENTIALS_KEY = 'credentials'

/**
 * Backends whose key is not protected by the OS: Chromium's basic_text key is hard-coded,
 * and unknown means safeStorage was asked before the app was ready.
 */
const WEAK_BACKENDS = new Set(['basic_text', 'unknown'])

/**
 * Pauses between looks at a keychain that is not available yet (about 3 s in all). A
 * desktop session often unlocks the keyring a moment after the app starts: waiting this
 * long spares the clerk typing a saved password, and a keychain that stays locked costs
 * no more than this before the sign-in screen shows.
 */
export const KEYCHAIN_RETRY_PAUSES_MS: readonly number[] = [250, 500, 1_000, 1_250]

const storedCredentialsSchema = z.object({
  baseUrl: z.string(),
  siteNumber: z.int().positive(),
  username: z.string(),
  practice: z.boolean(),
  /** base64 of safeStorage's ciphertext; never the password itself. */
  passwordCiphertext: z.string().min(1).optional()
})
type StoredCredentials = z.infer<typeof storedCredentialsSchema>

/**
 * Where the site credentials live. The password is written only as safeStorage
 * ciphertext, and only where the OS protects the key (or the clerk asked to keep it
 * anyway); otherwise it stays in memory until the app quits.
 */
export function createCredentialVault(options: CredentialVaultOptions): CredentialVault {
  const { safeStorage, store } = options
  const platform = options.platform ?? process.platform
  const warn = options.warn ?? ((message: string) => console.warn(message))
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const applicationIdSource = options.applicationIdSource ?? (() => 'none')
  let password: string | null = null
  /** The look at the keychain in progress, or the last one unless it found the keychain locked. */
  let loading: Promise<void> | null = null
  let looked = false
  /** A saved password waits for a keychain that was not available at the last look. */
  let keychainLocked = false
  let warnedLocked = false

  function backend(): string {
    if (platform === 'darwin') return 'keychain'
    if (platform === 'win32') return 'dpapi'
    if (platform === 'linux') return safeStorage.getSelectedStorageBackend?.() ?? 'unknown'
    return 'unknown'
  }

  async function encryptionAvailable(): Promise<boolean> {
    if (safeStorage.isAsyncEncryptionAvailable) return safeStorage.isAsyncEncryptionAvailable()
    return safeStorage.isEncryptionAvailable()
  }

  async function encrypt(plainText: string): Promise<string> {
    const sealed = safeStorage.encryptStringAsync
      ? await safeStorage.encryptStringAsync(plainText)
      : safeStorage.encryptString(plainText)
    return sealed.toString('base64')
  }

  async function decrypt(ciphertext: string): Promise<{ text: string; reseal: boolean }> {
    const sealed = Buffer.from(ciphertext, 'base64')
    if (safeStorage.decryptStringAsync) {
      const opened = await safeStorage.decryptStringAsync(sealed)
      return { text: opened.result, reseal: opened.shouldReEncrypt }
    }
    return { text: safeStorage.decryptString(sealed), reseal: false }
  }

  function read(): StoredCredentials | null {
    const raw = store.get(CREDENTIALS_KEY)
    if (raw === undefined) return null
    const parsed = storedCredentialsSchema.safeParse(raw)
    if (parsed.success) return parsed.data
    // A hand-edited or half-migrated file: the clerk signs in again rather than the app
    // guessing at what it meant.
    warn('The saved sign-in settings could not be read and were removed; please sign in again')
    store.delete(CREDENTIALS_KEY)
    return null
  }

  /** Reads the saved password, looking again a few times while the keychain is locked. */
  async function loadPassword(): Promise<void> {
    keychainLocked = false
    for (let look = 0; ; look++) {
      const stored = read()
      // Nothing to read, or a sign-in during the pauses set the password.
      if (!stored?.passwordCiphertext || password !== null) return
      if (await encryptionAvailable()) return openPassword(stored, stored.passwordCiphertext)
      const pause = KEYCHAIN_RETRY_PAUSES_MS[look]
      if (pause === undefined) break
      await sleep(pause)
    }
    // Kept for a later look: the next status() or current() tries again.
    keychainLocked = true
    if (!warnedLocked) {
      warnedLocked = true
      warn('The system keychain is not available, so the saved password cannot be read now')
    }
  }

  async function openPassword(stored: StoredCredentials, ciphertext: string): Promise<void> {
    try {
      const opened = await decrypt(ciphertext)
      password = opened.text
      if (opened.reseal) await reseal(stored, opened.text)
    } catch (error) {
      // A changed keychain or a copied profile: this ciphertext will never open again.
      store.set(CREDENTIALS_KEY, withoutCiphertext(stored))
      warn(`The saved password could not be decrypted and was removed (${messageOf(error)})`)
    }
  }

  async function reseal(stored: StoredCredentials, text: string): Promise<void> {
    try {
      store.set(CREDENTIALS_KEY, { ...stored, passwordCiphertext: await encrypt(text) })
    } catch (error) {
      warn(`The saved password could not be re-encrypted with the new key (${messageOf(error)})`)
    }
  }

  /**
   * The saved password read, if it can be. Calls made at once share one look; after a look
   * that found the keychain locked, the next call looks again, so a keychain unlocked a
   * moment after start is used without asking the clerk.
   */
  function loaded(): Promise<void> {
    if (loading === null) {
      looked = true
      loading = loadPassword().finally(() => {
        if (keychainLocked) loading = null
      })
    }
    return loading
  }

  /** For sign-in and sign-out: waits for a look in progress, but never starts another. */
  function settled(): Promise<void> {
    return loading ?? (looked ? Promise.resolve() : loaded())
  }

  async function status(): Promise<CredentialStatus> {
    await loaded()
    const stored = read()
    const usable = stored !== null && password !== null
    return {
      configured: usable,
      baseUrl: stored?.baseUrl ?? DEFAULT_BASE_URL,
      siteNumber: stored?.siteNumber ?? null,
      username: stored?.username ?? null,
      backend: backend(),
      persisted: usable && stored.passwordCiphertext !== undefined,
      practice: stored?.practice ?? false,
      siteKey: stored ? siteKeyOf(stored) : null,
      needsSignIn: stored !== null && password === null,
      applicationId: applicationIdSource()
    }
  }

  async function current(): Promise<Credentials | null> {
    await loaded()
    const stored = read()
    if (stored === null || password === null) return null
    const { baseUrl, siteNumber, username } = stored
    return { baseUrl, siteNumber, username, password }
  }

  async function currentSite(): Promise<SiteCredentials | null> {
    await loaded()
    // One synchronous read: the key always names the site these credentials belong to.
    const stored = read()
    if (stored === null || password === null) return null
    const { baseUrl, siteNumber, username } = stored
    const siteKey = siteKeyOf(stored)
    // Other names of the same site are known where the practice site runs (signed-in-site.ts).
    return { baseUrl, siteNumber, username, password, siteKey, sameSiteKeys: [siteKey] }
  }

  async function save(
    credentials: Credentials,
    saveOptions: { practice: boolean; persistWithoutKeychain: boolean }
  ): Promise<CredentialStatus> {
    await settled()
    const stored: StoredCredentials = {
      baseUrl: credentials.baseUrl,
      siteNumber: credentials.siteNumber,
      username: credentials.username,
      practice: saveOptions.practice
    }
    const keyIsProtected = !WEAK_BACKENDS.has(backend())
    if ((keyIsProtected || saveOptions.persistWithoutKeychain) && (await encryptionAvailable())) {
      try {
        stored.passwordCiphertext = await encrypt(credentials.password)
      } catch (error) {
        warn(`The password is kept until the app quits: encryption failed (${messageOf(error)})`)
      }
    }
    store.set(CREDENTIALS_KEY, stored)
    password = credentials.password
    return status()
  }

  async function clear(): Promise<CredentialStatus> {
    await settled()
    store.delete(CREDENTIALS_KEY)
    password = null
    return status()
  }

  return { status, current, currentSite, save, clear }
}

function withoutCiphertext(stored: StoredCredentials): StoredCredentials {
  const { passwordCiphertext: _dropped, ...rest } = stored
  return rest
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
