import * as z from 'zod'
import { formatConnectionDate, parseConnectionDate } from '../../shared/change-request'
import {
  MAX_PAGES,
  type Account,
  type AccountRights,
  type AssignmentSummary,
  type Connection,
  type ConnectionResponse,
  type ConnectionType,
  type Listed,
  type Page,
  type PageRequest,
  type Person,
  type RightLevel,
  type SecurityRole,
  type Team
} from '../../shared/lookups'

/**
 * THE adapter between Access ACS's wire and the app's model (CONTRACT.md sections 1–2): every
 * path, query name, wire field name and spelling variant, the paging rule and the tolerance
 * rules live here and nowhere else, so a correction against the real service touches this
 * file only. Evidence: ACS's own Android app (mwangepatrick/ChurchLife-Android, webservice/)
 * and will-in-wi/acs_directory; everything marked GUESS is not evidenced by either.
 *
 * Tolerance: unknown fields are ignored (zod strips them); a missing or null optional field
 * reads as empty; an item whose id is missing or unreadable is skipped and counted, never a
 * crash. Only an answer whose outer shape is wrong (not an array, no `Page`) is refused.
 */

/** Paths below `{base}/{site}/`, except findSites, which is below `{base}/` (no site). */
export const ACS_PATHS = {
  findSites: 'accounts/findbyemail',
  account: 'account',
  connectionTypes: 'types/connections',
  responses: (typeId: number) => `types/responses/${typeId}`,
  teams: 'connections/teams',
  assignmentSummary: 'connections/assignments',
  assignments: (typeId: number) => `connections/assignments/${typeId}`,
  connection: (connectionId: number) => `connections/${connectionId}`,
  personConnections: (personId: number) => `individuals/${personId}/connections`,
  people: 'individuals',
  person: (personId: number) => `individuals/${personId}`,
  changeRequests: 'connections'
} as const

/** The header ACS reads the application's key from, on every request. */
export const APPLICATION_ID_HEADER = 'ApplicationId'

export function pageQuery(page: PageRequest): Record<string, number> {
  return { pageIndex: page.pageIndex, pageSize: page.pageSize }
}

/** `q` is matched like SQL LIKE with an implicit trailing `%`; `%` alone lists everyone. */
export function peopleQuery(query: string, page: PageRequest): Record<string, string | number> {
  return { q: query, ...pageQuery(page) }
}

/** As the Android app asks: the details include the user's own permission on it. */
export const CONNECTION_QUERY = { includeSelf: 'true' } as const

export function findSitesBody(email: string, password: string): string {
  return JSON.stringify({ email, password })
}

// --- Tolerant field readers -------------------------------------------------------------

/** A positive whole id; digits in a string are read too. Anything else fails the item. */
const wireId = z.preprocess(
  (value) => (typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value),
  z.int().positive().max(Number.MAX_SAFE_INTEGER)
)
/** An id that may be absent, null, 0 (the Android app's "none") or unreadable: null then. */
const optionalId = wireId
  .nullish()
  .catch(null)
  .transform((value) => value ?? null)
const text = z
  .union([z.string(), z.number()])
  .nullish()
  .catch(null)
  .transform((value) => (value === null || value === undefined ? '' : String(value).trim()))
const flag = z
  .union([z.boolean(), z.enum(['true', 'false', 'True', 'False'])])
  .nullish()
  .catch(null)
  .transform((value) => value === true || value === 'true' || value === 'True')
const count = z.int().nonnegative().nullish().catch(null)
/** `MM/dd/yyyy`, maybe with a time (`MM/dd/yyyy hh:mm:ss AM`), or ISO: read as `MM/DD/YYYY`. */
const date = text.transform(readDate)
/** A colour as given; empty unless it is a CSS hex colour (GUESS: `#rrggbb` or `rrggbb`). */
const colour = text.transform((value) => {
  const hex = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(value)?.[1]
  return hex ? `#${hex.toLowerCase()}` : ''
})
/** A list of items read one by one elsewhere; anything but an array reads as empty. */
const rawList = z.array(z.unknown()).nullish().catch(null)

function readDate(value: string): string {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?!\d)/.exec(value)
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?!\d)/.exec(value)
  const parts = us
    ? { month: Number(us[1]), day: Number(us[2]), year: Number(us[3]) }
    : iso
      ? { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) }
      : undefined
  if (!parts) return ''
  const formatted = formatConnectionDate(parts)
  return parseConnectionDate(formatted) ? formatted : ''
}

// --- Items ------------------------------------------------------------------------------

const wirePerson = z
  .object({
    IndvId: wireId,
    FamId: optionalId,
    /** The variant of /individuals/{id} (the Android app's CoreIndividualDetail). */
    PrimFamily: optionalId,
    FirstName: text,
    LastName: text,
    GoesByName: text,
    /** The variant of /individuals/{id} (CoreIndividualDetail reads `GoesbyName`). */
    GoesbyName: text,
    FriendlyName: text,
    Email: text,
    PhoneNumber: text,
    Address: text,
    City: text,
    State: text,
    Zipcode: text,
    /** /individuals/{id} lists these instead of the flat fields (CoreIndividualDetail). */
    Emails: rawList,
    Phones: rawList,
    Addresses: rawList
  })
  .transform((wire): Person => ({
    id: wire.IndvId,
    familyId: wire.FamId ?? wire.PrimFamily,
    firstName: wire.FirstName,
    lastName: wire.LastName,
    goesByName: wire.GoesByName || wire.GoesbyName,
    friendlyName: wire.FriendlyName,
    email: wire.Email || (preferred(wire.Emails, emailEntry) ?? ''),
    phone: wire.PhoneNumber || (preferred(wire.Phones, phoneEntry) ?? ''),
    ...(wire.Address || wire.City || wire.State || wire.Zipcode
      ? { address: wire.Address, city: wire.City, state: wire.State, zipcode: wire.Zipcode }
      : (preferred(wire.Addresses, addressEntry) ?? NO_ADDRESS))
  }))

const emailEntry = z
  .object({ Email: text, Preferred: flag })
  .transform((entry) => ({ value: entry.Email, preferred: entry.Preferred }))
const phoneEntry = z
  .object({ PhoneNumber: text, Preferred: flag })
  .transform((entry) => ({ value: entry.PhoneNumber, preferred: entry.Preferred }))
const addressEntry = z
  .object({ Address: text, City: text, State: text, Zipcode: text, ActiveAddress: flag })
  .transform((entry) => ({
    value: {
      address: entry.Address,
      city: entry.City,
      state: entry.State,
      zipcode: entry.Zipcode
    },
    // GUESS: an address marked active is the one to show; the Android app lists them all.
    preferred: entry.ActiveAddress
  }))

const NO_ADDRESS = { address: '', city: '', state: '', zipcode: '' }

/** The preferred entry of a detail list, else the first readable one. */
function preferred<T>(
  list: unknown[] | null | undefined,
  schema: z.ZodType<{ value: T; preferred: boolean }>
): T | undefined {
  const entries = readMany(schema, list ?? []).items
  return (entries.find((entry) => entry.preferred) ?? entries[0])?.value
}

const wireResponse = z
  .object({ RespID: wireId, Resp_Desc: text })
  .transform((wire): ConnectionResponse => ({ id: wire.RespID, name: wire.Resp_Desc }))

/**
 * `Permission` / `PermissionLevel`: `"ALL"` is full rights (CONTRACT.md). The Android app
 * compares a type's Permission with `"A"` instead, so both read as full; anything else
 * (`"VIEW"`, GUESS) is view only.
 */
function isFullPermission(value: string): boolean {
  const upper = value.toUpperCase()
  return upper === 'ALL' || upper === 'A'
}

const wireConnectionType = z
  .object({
    ConnectionTypeId: wireId,
    ConnectionTypeDesc: text,
    ConnectionCategory: text,
    Permission: text
  })
  .transform((wire): ConnectionType => ({
    id: wire.ConnectionTypeId,
    name: wire.ConnectionTypeDesc,
    category: wire.ConnectionCategory,
    // The types list carries no colour; the assignment summary does.
    colour: '',
    mayChange: isFullPermission(wire.Permission)
  }))

const wireTeam = z
  .object({ TeamId: wireId, TeamName: text, TeamMemberCount: count })
  .transform((wire): Team => ({
    id: wire.TeamId,
    name: wire.TeamName,
    memberCount: wire.TeamMemberCount ?? 0
  }))

const wireAssignmentSummary = z
  .object({
    ConnectionTypeId: wireId,
    ConnectionTypeDescription: text,
    EarliestDueDate: date,
    TotalConnections: count,
    ConnectionColor: colour
  })
  .transform((wire): AssignmentSummary => ({
    typeId: wire.ConnectionTypeId,
    typeName: wire.ConnectionTypeDescription,
    colour: wire.ConnectionColor,
    earliestDueDate: wire.EarliestDueDate,
    total: wire.TotalConnections ?? 0
  }))

/** An assignment, a connection's details, or one of a person's connections. */
const wireConnection = z
  .object({
    ConnectionId: wireId,
    ConnectionTypeId: wireId,
    ConnectionTypeDescription: text,
    ConnectionColor: colour,
    ContactInformation: z.unknown().optional(),
    FamilyConnection: flag,
    FamId: optionalId,
    DateCreated: date,
    DueDate: date,
    Completed: flag,
    Comment: text,
    ContactType: text,
    Responses: rawList,
    TeamMembers: rawList,
    PermissionLevel: z.string().nullish().catch(null)
  })
  .transform((wire): Connection => ({
    id: wire.ConnectionId,
    typeId: wire.ConnectionTypeId,
    typeName: wire.ConnectionTypeDescription,
    colour: wire.ConnectionColor,
    // A contact without an id is left out, not the whole connection: it still has an id.
    contact: readOne(wirePerson, wire.ContactInformation) ?? null,
    familyConnection: wire.FamilyConnection,
    familyId: wire.FamId,
    dateCreated: wire.DateCreated,
    dueDate: wire.DueDate,
    completed: wire.Completed,
    comment: wire.Comment,
    contactType: wire.ContactType,
    responses: readMany(wireResponse, wire.Responses ?? []).items,
    teamMembers: readMany(wirePerson, wire.TeamMembers ?? []).items,
    mayChange:
      typeof wire.PermissionLevel === 'string' ? isFullPermission(wire.PermissionLevel) : null
  }))

// --- Accounts and rights ----------------------------------------------------------------

const ROLES: Record<string, SecurityRole> = {
  administrator: 'administrator',
  staff: 'staff',
  layleader: 'lay-leader',
  member: 'member',
  nonmember: 'non-member'
}

/** Right keys as `/account` names them (the Android app's CoreAcsUser). */
const RIGHT_KEYS = {
  reassign: 'ReassignConnection',
  assignContacts: 'AssignContacts',
  assignedContactsOnly: 'AssignedContactsOnly',
  outreachHistory: 'ViewOutreachHistory',
  memberSearch: 'MemberSearch',
  locatePerson: 'LocatePerson',
  comments: 'ViewAddComments',
  /** GUESS: no known client names the right to create change requests; CONTRACT.md picks this. */
  createChangeRequest: 'CreateChangeRequest'
} as const

const rightsMap = z.record(z.string(), z.unknown()).nullish().catch(null)

function levelOf(rights: Record<string, unknown>, key: string): RightLevel | undefined {
  const value = rights[key]
  if (typeof value !== 'string') return undefined
  const upper = value.trim().toUpperCase()
  return upper === 'A' ? 'full' : upper === 'V' ? 'view' : upper === 'N' ? 'none' : undefined
}

function rightsOf(role: SecurityRole, raw: Record<string, unknown> | null): AccountRights {
  const admin = role === 'administrator'
  const rights = raw ?? {}
  // Evidenced keys: absent means none, as the Android app's HasPermission reads them.
  const level = (key: string): RightLevel => (admin ? 'full' : (levelOf(rights, key) ?? 'none'))
  const granted = (key: string): boolean => level(key) !== 'none'
  // The guessed key: absent means unknown, so the app lets the site decide (its 403 stays
  // handled) rather than lock out every user of a service that does not send the key.
  const create = admin ? 'full' : (levelOf(rights, RIGHT_KEYS.createChangeRequest) ?? 'full')
  const mayCreateChangeRequests = create === 'full'
  const maySearchPeople = granted(RIGHT_KEYS.locatePerson) || granted(RIGHT_KEYS.memberSearch)
  const comments = level(RIGHT_KEYS.comments)
  return {
    mayCreateChangeRequests,
    maySearchPeople,
    comments,
    mayPostChangeRequests:
      admin || (mayCreateChangeRequests && maySearchPeople && comments === 'full'),
    mayReassign: level(RIGHT_KEYS.reassign) === 'full',
    mayAssignContacts: level(RIGHT_KEYS.assignContacts) === 'full',
    assignedContactsOnly: !admin && granted(RIGHT_KEYS.assignedContactsOnly),
    mayViewOutreachHistory: granted(RIGHT_KEYS.outreachHistory)
  }
}

const wireAccount = z
  .object({
    SiteNumber: wireId,
    SiteName: text,
    Email: text,
    UserName: text,
    FullName: text,
    SecurityRole: text,
    IndvId: optionalId,
    FamId: optionalId,
    Rights: rightsMap
  })
  .transform((wire): Account => {
    const role = ROLES[wire.SecurityRole.toLowerCase()] ?? 'other'
    return {
      siteNumber: wire.SiteNumber,
      siteName: wire.SiteName,
      email: wire.Email,
      userName: wire.UserName,
      fullName: wire.FullName,
      role,
      personId: wire.IndvId,
      familyId: wire.FamId,
      rights: rightsOf(role, wire.Rights ?? null)
    }
  })

// --- Answers ----------------------------------------------------------------------------

/** The outer shape of an answer was wrong: the whole answer is refused, naming where. */
export class AnswerShapeError extends Error {
  override name = 'AnswerShapeError'
}

function readOne<T>(schema: z.ZodType<T>, raw: unknown): T | undefined {
  const parsed = schema.safeParse(raw)
  return parsed.success ? parsed.data : undefined
}

function readMany<T>(schema: z.ZodType<T>, raws: readonly unknown[]): Listed<T> {
  const items: T[] = []
  let skipped = 0
  for (const raw of raws) {
    const item = readOne(schema, raw)
    if (item === undefined) skipped++
    else items.push(item)
  }
  return { items, skipped }
}

function readList<T>(schema: z.ZodType<T>, answer: unknown): Listed<T> {
  if (!Array.isArray(answer)) throw new AnswerShapeError('the answer is not a list')
  return readMany(schema, answer)
}

function readSingle<T>(schema: z.ZodType<T>, answer: unknown): T {
  const item = readOne(schema, answer)
  if (item === undefined) throw new AnswerShapeError('the answer has no readable id')
  return item
}

const wirePage = z.object({
  Page: z.array(z.unknown()),
  PageCount: z.int().nonnegative().nullish().catch(null),
  PageSize: z.int().positive().nullish().catch(null)
})

/**
 * One page, and whether it is the last (CONTRACT.md section 2): the last by PageCount; when
 * PageCount is missing, a page shorter than PageSize (or empty); and never past MAX_PAGES.
 */
function readPage<T>(schema: z.ZodType<T>, answer: unknown, request: PageRequest): Page<T> {
  const parsed = wirePage.safeParse(answer)
  if (!parsed.success) throw new AnswerShapeError('the answer is not a page (no Page list)')
  const { Page: raws, PageCount: pageCount, PageSize } = parsed.data
  // The size served, which may be smaller than asked (the service caps it at 500).
  const pageSize = PageSize ?? request.pageSize
  const pageIndex = request.pageIndex
  const last =
    pageIndex + 1 >= MAX_PAGES ||
    raws.length === 0 ||
    (pageCount !== null && pageCount !== undefined
      ? pageIndex + 1 >= pageCount
      : raws.length < pageSize)
  return {
    ...readMany(schema, raws),
    pageIndex,
    pageCount: pageCount ?? null,
    pageSize,
    last
  }
}

export const readAccount = (answer: unknown): Account => readSingle(wireAccount, answer)
export const readAccounts = (answer: unknown): Listed<Account> => readList(wireAccount, answer)
export const readConnectionTypes = (answer: unknown): Listed<ConnectionType> =>
  readList(wireConnectionType, answer)
export const readResponses = (answer: unknown): Listed<ConnectionResponse> =>
  readList(wireResponse, answer)
export const readTeams = (answer: unknown): Listed<Team> => readList(wireTeam, answer)
export const readAssignmentSummaryPage = (
  answer: unknown,
  request: PageRequest
): Page<AssignmentSummary> => readPage(wireAssignmentSummary, answer, request)
/** Assignments of a type, and a person's connections: both are pages of connections. */
export const readConnectionPage = (answer: unknown, request: PageRequest): Page<Connection> =>
  readPage(wireConnection, answer, request)
export const readConnection = (answer: unknown): Connection => readSingle(wireConnection, answer)
export const readPeoplePage = (answer: unknown, request: PageRequest): Page<Person> =>
  readPage(wirePerson, answer, request)
export const readPerson = (answer: unknown): Person => readSingle(wirePerson, answer)
