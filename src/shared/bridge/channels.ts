import * as z from 'zod'
import { APPLICATION_ID_MESSAGE, isApplicationId } from '../application-id'
import { changeRequestSchema } from '../change-request'
import { deliveryOutcomeSchema } from '../outbox/delivery-outcome'
import { OUTBOX_STATES } from '../outbox/outbox-item'
import { backedUpResultSchema, backupListingSchema } from '../outbox/result-backup'
import {
  accountSchema,
  assignmentSummarySchema,
  connectionResponseSchema,
  connectionSchema,
  connectionTypeSchema,
  listedSchema,
  pageRequestSchema,
  pageSchema,
  personSchema,
  teamSchema
} from '../lookups'
import type { EventChannelName, InvokeChannelName } from './channel-names'

export { CHANNEL_NAME_PATTERN } from './channel-names'

/**
 * Every channel between the page and the main process, in one place. Each payload is
 * parsed with these schemas on both sides; nothing else crosses the bridge.
 */

/** What the page may know of the credentials: never the password. */
export const credentialStatusSchema = z.object({
  configured: z.boolean(),
  baseUrl: z.string(),
  siteNumber: z.int().positive().nullable(),
  username: z.string().nullable(),
  /** safeStorage's backend on Linux (gnome_libsecret, kwallet, basic_text, ...), or the OS. */
  backend: z.string(),
  /** The password survives a restart (kept as safeStorage ciphertext). */
  persisted: z.boolean(),
  /** The built-in practice site rather than the church's own. */
  practice: z.boolean(),
  /** The site whose outbox is in use (src/shared/site-key.ts), or null when none is saved. */
  siteKey: z.string().min(1).nullable(),
  /** The stored password could not be read back and was deleted: ask the clerk again. */
  needsSignIn: z.boolean(),
  /** Where the ApplicationId sent comes from (its value never reaches the page). */
  applicationId: z.enum(['override', 'build', 'none'])
})
export type CredentialStatus = z.infer<typeof credentialStatusSchema>

/** Generous bounds: they only stop a runaway page from sending megabytes. */
const MAX_URL_LENGTH = 2048
const MAX_USERNAME_LENGTH = 256
const MAX_PASSWORD_LENGTH = 1024
const MAX_EMAIL_LENGTH = 320

const baseUrlField = z
  .string()
  .trim()
  .min(1, { error: 'Type the site address' })
  .max(MAX_URL_LENGTH, { error: 'The site address is too long' })

const siteNumberField = z
  .int({ error: 'The site number must be a whole number, like 12345' })
  .positive({ error: 'The site number must be a positive whole number, like 12345' })

// Not trimmed: a space may be part of a password.
const passwordField = z
  .string()
  .min(1, { error: 'Type your Access ACS password' })
  .max(MAX_PASSWORD_LENGTH, { error: 'The password is too long' })

const emailField = z
  .string()
  .trim()
  .min(1, { error: 'Type the e-mail address you sign in to Access ACS with' })
  .max(MAX_EMAIL_LENGTH, { error: 'The e-mail address is too long' })
  .regex(/^[^\s@]+@[^\s@]+$/, { error: 'The e-mail address should look like name@example.org' })

/** Where the keychain is only basic_text: keep the password on disk anyway. */
const persistField = z.boolean().default(false)

/**
 * The advanced setting of the church's-own-site path: a GUID overrides the built-in
 * ApplicationId, an empty text goes back to it; left out, the setting stays as it is.
 */
const applicationIdField = z
  .string()
  .max(80, { error: APPLICATION_ID_MESSAGE })
  .refine((text) => text.trim() === '' || isApplicationId(text), { error: APPLICATION_ID_MESSAGE })
  .optional()

export const signInRequestSchema = z.object({
  baseUrl: baseUrlField,
  siteNumber: siteNumberField,
  username: z
    .string()
    .trim()
    .min(1, { error: 'Type your Access ACS username' })
    .max(MAX_USERNAME_LENGTH, { error: 'The username is too long' }),
  password: passwordField,
  persistWithoutKeychain: persistField,
  applicationId: applicationIdField
})
export type SignInRequest = z.input<typeof signInRequestSchema>

/** The sites an e-mail may sign in to (`PUT /accounts/findbyemail`); nothing is saved. */
export const findSitesRequestSchema = z.object({
  baseUrl: baseUrlField,
  email: emailField,
  password: passwordField,
  applicationId: applicationIdField
})
export type FindSitesRequest = z.input<typeof findSitesRequestSchema>

/** Signs in to one of the e-mail's sites, as the user name that site knows the e-mail by. */
export const emailSignInRequestSchema = findSitesRequestSchema.extend({
  siteNumber: siteNumberField,
  persistWithoutKeychain: persistField
})
export type EmailSignInRequest = z.input<typeof emailSignInRequestSchema>

/** A user of the built-in practice site, for the trainer's chooser (never a password). */
export const practiceUserSchema = z.object({
  userName: z.string().min(1).max(MAX_USERNAME_LENGTH),
  email: z.string().max(MAX_EMAIL_LENGTH),
  /** What this user may do, in a trainer's words. */
  description: z.string().max(500)
})
export type PracticeUser = z.infer<typeof practiceUserSchema>

/** The practice site as it runs now: its address changes with every start of the app. */
export const practiceSiteSchema = z.object({
  baseUrl: z.string().max(MAX_URL_LENGTH),
  siteNumber: z.int().positive(),
  users: z.array(practiceUserSchema).max(50)
})
export type PracticeSite = z.infer<typeof practiceSiteSchema>

/** Whom the practice site signs in as; its administrator when left out. */
export const practiceStartRequestSchema = z
  .object({ userName: z.string().trim().min(1).max(MAX_USERNAME_LENGTH) })
  .optional()
export type PracticeStartRequest = z.input<typeof practiceStartRequestSchema>

export const signInResultSchema = z.object({
  status: credentialStatusSchema,
  /** accepted: the site said yes; offline: saved, checked on the first send. */
  check: z.enum(['accepted', 'offline']),
  /** The signed-in user with their rights, as the site answered; null when offline. */
  account: accountSchema.nullable()
})
export type SignInResult = z.infer<typeof signInResultSchema>

const MAX_ID_LENGTH = 200

export const sendItemSchema = z.object({
  id: z.string().min(1).max(MAX_ID_LENGTH),
  idempotencyKey: z.string().min(1).max(MAX_ID_LENGTH),
  body: changeRequestSchema
})
export type SendItem = z.infer<typeof sendItemSchema>

const MAX_SITE_KEY_LENGTH = MAX_URL_LENGTH + 32

/** The site the page's outbox belongs to (src/shared/site-key.ts). */
const siteKeySchema = z.string().min(1).max(MAX_SITE_KEY_LENGTH)

/**
 * One batch of one site's outbox: the main process sends it only while that site is the
 * signed-in one, so no result can reach another site with another site's credentials.
 */
export const sendBatchRequestSchema = z.object({
  siteKey: siteKeySchema,
  items: z.array(sendItemSchema).max(500)
})
export type SendBatchRequest = z.infer<typeof sendBatchRequestSchema>
export const sendBatchResultSchema = z.object({
  results: z.array(z.object({ id: z.string(), outcome: deliveryOutcomeSchema })),
  /** A 401 paused the queue: the page should show "Paused: sign in again". */
  paused: z.boolean()
})
export type SendBatchResult = z.infer<typeof sendBatchResultSchema>

export const outboxReportSchema = z.object({
  unsentCount: z.int().nonnegative(),
  /**
   * Answers the page holds in memory because its storage refused to record them: quitting
   * waits (a bounded time) for them to be written. Left out when there are none.
   */
  unsavedAnswers: z.int().nonnegative().optional(),
  /** The earliest nextAttemptAt among waiting items, or null. */
  nextDueAt: z.number().nullable(),
  /** Something was just captured: send soon. */
  captured: z.boolean()
})
export type OutboxReport = z.infer<typeof outboxReportSchema>

export const wakeReasonSchema = z.enum([
  'start',
  'captured',
  'online',
  'resume',
  'retry-due',
  'signed-in',
  'manual'
])
export type WakeReason = z.infer<typeof wakeReasonSchema>

export const deliveryStateSchema = z.object({
  /** The OS says we are online. Only a hint: a real request decides. */
  online: z.boolean(),
  paused: z.boolean(),
  pauseReason: z.string().optional(),
  lastSuccessAt: z.number().nullable()
})
export type DeliveryState = z.infer<typeof deliveryStateSchema>

/** Automatic updates (src/main/updates): off when no feed is set. */
export const updateStateSchema = z.object({
  status: z.enum(['off', 'idle', 'checking', 'downloading', 'ready']),
  /** The version being downloaded, or ready to restart into. */
  version: z.string().max(64).optional()
})
export type UpdateState = z.infer<typeof updateStateSchema>

export const restartResultSchema = z.object({
  kind: z.enum(['restarting', 'kept-open', 'not-ready', 'busy']),
  message: z.string().optional()
})
export type RestartResult = z.infer<typeof restartResultSchema>

/** The page's outbox, for a diagnostics file: counts only, never an item's content. */
export const outboxSummarySchema = z.object({
  /** Items of the signed-in site by state (src/shared/outbox/outbox-item.ts). */
  countsByState: z.record(z.enum(OUTBOX_STATES), z.int().nonnegative()),
  /** When the oldest unsent result was captured (ms since the epoch), or null. */
  oldestUnsentAt: z.number().nullable()
})
export type OutboxSummary = z.infer<typeof outboxSummarySchema>

export const diagnosticsResultSchema = z.object({
  saved: z.boolean(),
  /** The zip's file name (not its folder), when saved. */
  fileName: z.string().optional()
})
export type DiagnosticsResult = z.infer<typeof diagnosticsResultSchema>

/** "Save as PDF" of the call sheets the page shows: the file name offered first. */
export const savePdfRequestSchema = z.object({
  suggestedName: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .regex(/^[\w ,.()-]+$/, { error: 'A file name of letters, digits, spaces and - . , ( )' })
})
export type SavePdfRequest = z.infer<typeof savePdfRequestSchema>

export const savePdfResultSchema = z.object({
  saved: z.boolean(),
  /** The file's name (not its folder), when saved. */
  fileName: z.string().max(300).optional()
})
export type SavePdfResult = z.infer<typeof savePdfResultSchema>

/** An uncaught error in the page, for the main log. Bounded: a page cannot flood the log. */
export const rendererErrorSchema = z.object({
  kind: z.enum(['error', 'unhandled-rejection']),
  name: z.string().max(200),
  message: z.string().max(2000),
  stack: z.string().max(8000).optional(),
  /** The script and line, for an error event. */
  source: z.string().max(500).optional()
})
export type RendererError = z.infer<typeof rendererErrorSchema>

const MAX_QUERY_LENGTH = 200
/** As many results as one send batch holds. */
const MAX_BATCH = 500

const noPayload = z.undefined()

/** Requests from the page, answered by the main process. */
export const invokeChannels = {
  'credentials:status': { request: noPayload, response: credentialStatusSchema },
  'credentials:sign-in': { request: signInRequestSchema, response: signInResultSchema },
  'credentials:sign-out': { request: noPayload, response: credentialStatusSchema },
  'credentials:sign-in-email': { request: emailSignInRequestSchema, response: signInResultSchema },
  'sites:find': { request: findSitesRequestSchema, response: z.array(accountSchema) },
  'practice:start': { request: practiceStartRequestSchema, response: signInResultSchema },
  'practice:site': { request: noPayload, response: practiceSiteSchema },
  'delivery:send': { request: sendBatchRequestSchema, response: sendBatchResultSchema },
  /** The page stops delivering this site (sign-out, change of site): cut its batch short. */
  'delivery:stop': { request: z.object({ siteKey: siteKeySchema }), response: noPayload },
  'delivery:report': { request: outboxReportSchema, response: noPayload },
  'delivery:state': { request: noPayload, response: deliveryStateSchema },
  /** The second copy of unsent results (src/shared/outbox/result-backup.ts), written to disk. */
  'backup:keep': {
    request: z.object({ results: z.array(backedUpResultSchema).min(1).max(MAX_BATCH) }),
    response: noPayload
  },
  /** Results sent or thrown away: their copy goes. */
  'backup:drop': {
    request: z.object({
      siteKey: siteKeySchema,
      ids: z.array(z.string().min(1).max(MAX_ID_LENGTH)).min(1).max(MAX_BATCH)
    }),
    response: noPayload
  },
  'backup:list': { request: z.object({ siteKey: siteKeySchema }), response: backupListingSchema },
  'account:get': { request: noPayload, response: accountSchema },
  'types:list': { request: noPayload, response: listedSchema(connectionTypeSchema) },
  'responses:list': {
    request: z.object({ typeId: z.int().positive() }),
    response: listedSchema(connectionResponseSchema)
  },
  'teams:list': { request: noPayload, response: listedSchema(teamSchema) },
  'assignments:summary': {
    request: pageRequestSchema,
    response: pageSchema(assignmentSummarySchema)
  },
  'assignments:list': {
    request: pageRequestSchema.extend({ typeId: z.int().positive() }),
    response: pageSchema(connectionSchema)
  },
  'connections:get': {
    request: z.object({ connectionId: z.int().positive() }),
    response: connectionSchema
  },
  'connections:of-person': {
    request: pageRequestSchema.extend({ personId: z.int().positive() }),
    response: pageSchema(connectionSchema)
  },
  'people:search': {
    /** `%` matches any run of characters; `%` alone lists the whole directory. */
    request: pageRequestSchema.extend({ query: z.string().max(MAX_QUERY_LENGTH) }),
    response: pageSchema(personSchema)
  },
  'people:get': { request: z.object({ personId: z.int().positive() }), response: personSchema },
  'links:open': { request: z.object({ url: z.string().max(MAX_URL_LENGTH) }), response: noPayload },
  'updates:state': { request: noPayload, response: updateStateSchema },
  'updates:restart': { request: noPayload, response: restartResultSchema },
  'diagnostics:save': {
    request: z.object({ outbox: outboxSummarySchema }),
    response: diagnosticsResultSchema
  },
  'errors:report': { request: rendererErrorSchema, response: noPayload },
  /** Prints the asking window to a PDF and writes it where the clerk chooses. */
  'sheets:save-pdf': { request: savePdfRequestSchema, response: savePdfResultSchema }
} as const satisfies Record<InvokeChannelName, { request: z.ZodType; response: z.ZodType }>

/** Notices from the main process to the page. */
export const eventChannels = {
  'delivery:wake': z.object({ reason: wakeReasonSchema }),
  'delivery:state-changed': deliveryStateSchema,
  'updates:state-changed': updateStateSchema,
  /** The menu's Save Diagnostics…: the page answers with diagnostics:save and its counts. */
  'diagnostics:requested': z.object({})
} as const satisfies Record<EventChannelName, z.ZodType>

export type InvokeChannel = keyof typeof invokeChannels
export type EventChannel = keyof typeof eventChannels
export type RequestOf<C extends InvokeChannel> = z.input<(typeof invokeChannels)[C]['request']>
export type ParsedRequestOf<C extends InvokeChannel> = z.output<
  (typeof invokeChannels)[C]['request']
>
export type ResponseOf<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['response']>
export type EventOf<E extends EventChannel> = z.output<(typeof eventChannels)[E]>
