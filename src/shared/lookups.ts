import * as z from 'zod'

/**
 * The app's own model of what Access ACS tells it (CONTRACT.md section 2), in the app's
 * words. The service's wire names (ConnectionTypeDesc, GoesbyName, PrimFamily, ...) are read
 * in one adapter module in src/main/api and never reach the page: a correction to the wire
 * touches that module only. These shapes cross the bridge and are cached by the renderer.
 */

/** The service serves at most 500 items a page (a larger pageSize is served as 500). */
export const MAX_PAGE_SIZE = 500
/** The client never asks for more pages than this of one list (a looping service). */
export const MAX_PAGES = 10_000

const id = z.int().positive().max(Number.MAX_SAFE_INTEGER)

/** `MM/DD/YYYY`, or empty when the service gave no (readable) date. */
const dateText = z.string().regex(/^(\d{2}\/\d{2}\/\d{4})?$/)

/** A right as the service grades it: full (add and view), view only, or none. */
export const rightLevelSchema = z.enum(['full', 'view', 'none'])
export type RightLevel = z.infer<typeof rightLevelSchema>

export const securityRoleSchema = z.enum([
  'administrator',
  'staff',
  'lay-leader',
  'member',
  'non-member',
  /** A role this app does not know: treated like a member. */
  'other'
])
export type SecurityRole = z.infer<typeof securityRoleSchema>

/**
 * What the signed-in user may do, decided from the account's role and rights once, in the
 * adapter. An administrator may do everything.
 */
export const accountRightsSchema = z.object({
  /** The right to create change requests itself (a guessed key; unknown counts as yes). */
  mayCreateChangeRequests: z.boolean(),
  /** Locate a person or search for a member. */
  maySearchPeople: z.boolean(),
  /** Add and view comments (`full`), only view them, or neither. */
  comments: rightLevelSchema,
  /**
   * The seed's rule for posting at all: an administrator, or all of create change requests,
   * search people and full comment rights. Each type's `mayChange` decides the rest.
   */
  mayPostChangeRequests: z.boolean(),
  /** Reassign a connection to another person or team. */
  mayReassign: z.boolean(),
  /** Assign contacts to others (new connections for someone else). */
  mayAssignContacts: z.boolean(),
  /** The user sees only the contacts assigned to them. */
  assignedContactsOnly: z.boolean(),
  /** See the history of a person's connections. */
  mayViewOutreachHistory: z.boolean()
})
export type AccountRights = z.infer<typeof accountRightsSchema>

/** The signed-in user at one site; also one entry of the sites an e-mail may sign in to. */
export const accountSchema = z.object({
  siteNumber: id,
  siteName: z.string(),
  email: z.string(),
  /** The name for Basic authorization at this site. */
  userName: z.string(),
  fullName: z.string(),
  role: securityRoleSchema,
  /** The user's own record in the directory, when the service names it. */
  personId: id.nullable(),
  familyId: id.nullable(),
  rights: accountRightsSchema
})
export type Account = z.infer<typeof accountSchema>

export const connectionTypeSchema = z.object({
  id,
  name: z.string(),
  /** The service's category code, as given (empty when none). */
  category: z.string(),
  /** A CSS colour (`#rrggbb`) when the service gave one, else empty. */
  colour: z.string(),
  /** This user has full rights to the type: may post change requests for it. */
  mayChange: z.boolean()
})
export type ConnectionType = z.infer<typeof connectionTypeSchema>

export const connectionResponseSchema = z.object({ id, name: z.string() })
export type ConnectionResponse = z.infer<typeof connectionResponseSchema>

export const teamSchema = z.object({
  id,
  name: z.string(),
  memberCount: z.int().nonnegative()
})
export type Team = z.infer<typeof teamSchema>

export const personSchema = z.object({
  id,
  familyId: id.nullable(),
  firstName: z.string(),
  lastName: z.string(),
  /** The name the person goes by, or empty. */
  goesByName: z.string(),
  /** How the service itself names the person for lists, or empty. */
  friendlyName: z.string(),
  email: z.string(),
  phone: z.string(),
  address: z.string(),
  city: z.string(),
  state: z.string(),
  zipcode: z.string()
})
export type Person = z.infer<typeof personSchema>

/** The open assignments of one connection type, as the summary lists them. */
export const assignmentSummarySchema = z.object({
  typeId: id,
  typeName: z.string(),
  colour: z.string(),
  earliestDueDate: dateText,
  total: z.int().nonnegative()
})
export type AssignmentSummary = z.infer<typeof assignmentSummarySchema>

/**
 * A connection: one of the user's assignments, the details of one, or one of a person's
 * connections. Lists may leave out what the details carry (comment, responses, permission).
 */
export const connectionSchema = z.object({
  id,
  typeId: id,
  typeName: z.string(),
  colour: z.string(),
  /** Whom to contact; null when the list left it out. */
  contact: personSchema.nullable(),
  familyConnection: z.boolean(),
  familyId: id.nullable(),
  dateCreated: dateText,
  dueDate: dateText,
  completed: z.boolean(),
  /** The service's comment on the connection (the latest one), or empty. */
  comment: z.string(),
  /** The service's contact-type code, as given (empty when none). */
  contactType: z.string(),
  responses: z.array(connectionResponseSchema),
  /** The people assigned to make the contact (one person, or a team's members). */
  teamMembers: z.array(personSchema),
  /** This user may change it (the details say so); null when the answer did not say. */
  mayChange: z.boolean().nullable()
})
export type Connection = z.infer<typeof connectionSchema>

/** A whole list from the service: the items it could read, and how many it could not. */
export function listedSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    /** Items the adapter could not read (no id, say): skipped and counted, never a crash. */
    skipped: z.int().nonnegative()
  })
}

export interface Listed<T> {
  items: T[]
  skipped: number
}

/** One page of a paged list, with the adapter's verdict on whether more pages follow. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return listedSchema(item).extend({
    pageIndex: z.int().nonnegative(),
    /** How many pages the service says there are (0 for none); null when it did not say. */
    pageCount: z.int().nonnegative().nullable(),
    /** The size the service actually served. */
    pageSize: z.int().positive(),
    /** No page follows this one: ask for no more. */
    last: z.boolean()
  })
}

export interface Page<T> extends Listed<T> {
  pageIndex: number
  pageCount: number | null
  pageSize: number
  last: boolean
}

/** What a paged request names: which page, how big (at most MAX_PAGE_SIZE). */
export const pageRequestSchema = z.object({
  pageIndex: z
    .int()
    .nonnegative()
    .max(MAX_PAGES - 1),
  pageSize: z.int().positive().max(MAX_PAGE_SIZE)
})
export type PageRequest = z.infer<typeof pageRequestSchema>
