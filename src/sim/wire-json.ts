import { parseConnectionDate } from '../shared/change-request'
import { RESPONSES_BY_TYPE, type SimConnectionType } from './church-catalog'
import type { SimConnection, SimPerson } from './church-model'
import { isAdministrator, RIGHT_KEYS, type PracticeUser } from './practice-users'

/**
 * The practice church in the wire shapes of CONTRACT.md section 2, as ACS's own clients
 * read them: real answers carry `null` for empty optional fields, and /individuals/{id}
 * spells two fields its own way (`PrimFamily`, `GoesbyName`), so the practice site does too.
 */

export function friendlyName(person: SimPerson): string {
  return `${person.GoesByName || person.FirstName} ${person.LastName}`
}

const orNull = (text: string): string | null => (text === '' ? null : text)

/** An Individual of the search and of a connection's contact and team members. */
export function personWire(person: SimPerson): Record<string, unknown> {
  return {
    IndvId: person.IndvId,
    FamId: person.FamId,
    FamilyPosition: person.FamilyPosition,
    Title: null,
    FirstName: person.FirstName,
    LastName: person.LastName,
    MiddleName: null,
    GoesByName: orNull(person.GoesByName),
    Suffix: null,
    FriendlyName: friendlyName(person),
    PictureUrl: '',
    Address: orNull(person.Address),
    City: person.City,
    State: person.State,
    Zipcode: person.Zipcode,
    Email: orNull(person.Email),
    PhoneNumber: orNull(person.PhoneNumber)
  }
}

/** `GET /individuals/{id}`: the detail shape, with its lists and its own spellings. */
export function personDetailWire(
  person: SimPerson,
  family: readonly SimPerson[]
): Record<string, unknown> {
  return {
    IndvId: person.IndvId,
    PrimFamily: person.FamId,
    LastName: person.LastName,
    FirstName: person.FirstName,
    MiddleName: null,
    GoesbyName: orNull(person.GoesByName),
    Suffix: null,
    Title: null,
    FullName: `${person.LastName}, ${person.FirstName}`,
    FriendlyName: friendlyName(person),
    PictureUrl: '',
    FamilyPictureUrl: '',
    DateOfBirth: null,
    MemberStatus: 'Member',
    Addresses: person.Address
      ? [
          {
            AddrId: person.FamId,
            AddrType: 'Home',
            FamilyAddress: true,
            ActiveAddress: true,
            MailAddress: true,
            Address: person.Address,
            Address2: null,
            City: person.City,
            State: person.State,
            Zipcode: person.Zipcode,
            Country: 'USA'
          }
        ]
      : [],
    Emails: person.Email
      ? [
          {
            EmailId: person.IndvId,
            EmailType: 'Home',
            Preferred: true,
            Email: person.Email,
            Listed: true
          }
        ]
      : [],
    Phones: person.PhoneNumber
      ? [
          {
            PhoneId: person.IndvId,
            PhoneType: 'Home',
            Preferred: true,
            PhoneNumber: person.PhoneNumber,
            Extension: null,
            Listed: true
          }
        ]
      : [],
    FamilyMembers: family.filter((member) => member.IndvId !== person.IndvId).map(personWire)
  }
}

export function connectionTypeWire(
  type: SimConnectionType,
  permission: 'ALL' | 'VIEW'
): Record<string, unknown> {
  return {
    ConnectionTypeId: type.ConnectionTypeId,
    ConnectionCategory: type.ConnectionCategory,
    ConnectionTypeDesc: type.ConnectionTypeDesc,
    Permission: permission
  }
}

/** What a connection's wire shapes need from the church around it. */
export interface ConnectionParts {
  type: SimConnectionType
  contact: SimPerson | undefined
  teamMembers: readonly SimPerson[]
}

/** An Assignment of `/connections/assignments/{typeId}`. */
export function assignmentWire(
  connection: SimConnection,
  parts: ConnectionParts
): Record<string, unknown> {
  return {
    ConnectionId: connection.ConnectionId,
    ConnectionTypeId: connection.ConnectionTypeId,
    ConnectionTypeDescription: parts.type.ConnectionTypeDesc,
    ConnectionColor: parts.type.ConnectionColor,
    ContactType: parts.type.ConnectionCategory,
    DueDate: orNull(connection.DueDate),
    Completed: connection.Completed,
    ContactInformation: parts.contact ? personWire(parts.contact) : null,
    TeamMembers: parts.teamMembers.map(personWire)
  }
}

/**
 * A Connection of `/connections/{id}`; in a person's list (`permission` undefined) the
 * permission and responses are left out, as that list may leave fields out.
 */
export function connectionWire(
  connection: SimConnection,
  parts: ConnectionParts,
  permission?: 'ALL' | 'VIEW'
): Record<string, unknown> {
  const responses = RESPONSES_BY_TYPE.get(connection.ConnectionTypeId) ?? []
  return {
    ...assignmentWire(connection, parts),
    FamId: parts.contact?.FamId ?? null,
    FamilyConnection: connection.FamilyConnection,
    DateCreated: connection.DateCreated,
    Comment: orNull(connection.Comment),
    DueDateLong: longDate(connection.DueDate),
    TeamMemberCount: parts.teamMembers.length,
    ...(permission === undefined
      ? {}
      : {
          PermissionLevel: permission,
          Responses: responses.filter((response) =>
            connection.responseIds.includes(response.RespID)
          )
        })
  }
}

const LONG_DATE = new Intl.DateTimeFormat('en-US', {
  weekday: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: 'UTC'
})

function longDate(text: string): string | null {
  const day = parseConnectionDate(text)
  return day ? LONG_DATE.format(Date.UTC(day.year, day.month - 1, day.day)) : null
}

export function accountWire(
  user: PracticeUser,
  site: { siteNumber: number; siteName: string },
  person: SimPerson | undefined
): Record<string, unknown> {
  return {
    SiteNumber: site.siteNumber,
    SiteName: site.siteName,
    Email: user.email,
    UserName: user.username,
    FullName: person ? `${person.FirstName} ${person.LastName}` : user.username,
    SecurityRole: user.securityRole,
    CalendarDisabled: false,
    UnifiedLoginID: null,
    IndvId: person?.IndvId ?? null,
    FamId: person?.FamId ?? null,
    OrgsAvailable: false,
    Rights: Object.fromEntries(
      RIGHT_KEYS.map((key) => [key, isAdministrator(user) ? 'A' : user.rights[key]])
    )
  }
}

/** `{"Page":[...],"PageIndex":i,"PageCount":n,"PageSize":s}` over prepared JSON items. */
export function pageJson(items: readonly string[], pageIndex: number, pageSize: number): string {
  const start = pageIndex * pageSize
  return pageSliceJson(items.slice(start, start + pageSize), items.length, pageIndex, pageSize)
}

/** The same, from the page's items alone and the length of the whole list. */
export function pageSliceJson(
  slice: readonly string[],
  total: number,
  pageIndex: number,
  pageSize: number
): string {
  const pageCount = Math.ceil(total / pageSize)
  return `{"Page":[${slice.join(',')}],"PageIndex":${pageIndex},"PageCount":${pageCount},"PageSize":${pageSize}}`
}
