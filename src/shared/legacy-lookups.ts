import * as z from 'zod'

/**
 * The reference data of CONTRACT.md section 2, as the app uses it. These shapes are what
 * crosses the bridge and what the renderer caches; the wire shapes (inferred) are read in
 * one adapter module in src/main and produced by the practice site.
 */
export const connectionTypeSchema = z.object({
  ConnectionTypeId: z.int().positive(),
  Description: z.string(),
  Active: z.boolean()
})
export type ConnectionType = z.infer<typeof connectionTypeSchema>

export const connectionResponseSchema = z.object({
  ResponseId: z.int().positive(),
  Description: z.string()
})
export type ConnectionResponse = z.infer<typeof connectionResponseSchema>

export const teamSchema = z.object({ TeamId: z.int().positive(), Name: z.string() })
export type Team = z.infer<typeof teamSchema>

export const individualSchema = z.object({
  IndvId: z.int().positive(),
  FamilyId: z.int(),
  FirstName: z.string(),
  LastName: z.string(),
  PreferredName: z.string(),
  Email: z.string(),
  Phone: z.string()
})
export type Individual = z.infer<typeof individualSchema>

export const connectionStatusSchema = z.enum(['Open', 'Closed'])

export const connectionDetailsSchema = z.object({
  ConnectionId: z.int().positive(),
  ConnectionTypeId: z.int().positive(),
  ContactIndvId: z.int().positive(),
  FamilyConnection: z.boolean(),
  CallerIndvId: z.int(),
  TeamId: z.int(),
  /** `MM/DD/YYYY`, or empty when the connection has no due date. */
  DueDate: z.string(),
  Status: connectionStatusSchema,
  LastComment: z.string()
})
export type ConnectionDetails = z.infer<typeof connectionDetailsSchema>

/** CONTRACT.md: pages count from 1 and hold at most 1,000 items. */
export const MAX_PAGE_SIZE = 1000

export function pagedSchema<T extends z.ZodType>(item: T) {
  return z.object({
    Items: z.array(item),
    Page: z.int().positive(),
    PageSize: z.int().positive(),
    TotalCount: z.int().nonnegative()
  })
}

export interface Paged<T> {
  Items: T[]
  Page: number
  PageSize: number
  TotalCount: number
}
