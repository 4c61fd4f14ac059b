import type { Transaction } from 'dexie'
import { connectionDateOrdinal, NO_ASSIGNEE } from '$shared/change-request'
import type { AssignmentSummary, Connection, Person } from '$shared/lookups'
import type { ListRecord, MetaRow } from './desk-database'
import type {
  LegacyConnectionRow,
  LegacyPersonRow,
  LegacyResponseRow,
  LegacyTeamRow,
  LegacyTypeRow
} from './legacy-rows'
import { pagesOf, type PageRecord } from './page-records'

/**
 * Version 2 to 3: what the invented lookups saved moves into the app's model of the real
 * API, so an office that upgrades offline keeps its directory, types, responses, teams and
 * work list (with their as-of times) until the first refresh. What the old lookups never
 * said is left for that refresh: no account (so the app refreshes as soon as it can), every
 * type changeable (the site's 403 still guards), team assignees unnamed, no colours.
 */
export async function upgradeToApiRecords(transaction: Transaction): Promise<void> {
  const types = await transaction.table<LegacyTypeRow, number>('connectionTypes').toArray()
  const responses = await transaction.table<LegacyResponseRow>('responses').toArray()
  const teams = await transaction.table<LegacyTeamRow, number>('teams').toArray()
  const people = await itemsOf<LegacyPersonRow>(transaction, 'peoplePages')
  const connections = await itemsOf<LegacyConnectionRow>(transaction, 'connectionPages')

  const directory = people.map(personOf)
  const byId = new Map(directory.map((person) => [person.id, person]))
  const typeNames = new Map(types.map((type) => [type.ConnectionTypeId, type.Description]))
  const open = connections
    .filter((row) => row.Status === 'Open')
    .map((row) => connectionOf(row, byId, typeNames))
  const typeOrder = types.map((type) => type.ConnectionTypeId)
  const rank = (typeId: number): number => {
    const index = typeOrder.indexOf(typeId)
    return index < 0 ? typeOrder.length : index
  }
  // The work list goes type after type, as the assignments of each type are fetched.
  const assignments = open
    .map((connection, index) => ({ connection, index }))
    .sort((a, b) => rank(a.connection.typeId) - rank(b.connection.typeId) || a.index - b.index)
    .map((entry) => entry.connection)

  const lists: ListRecord[] = [
    {
      key: 'connectionTypes',
      value: types.map((type) => ({
        id: type.ConnectionTypeId,
        name: type.Description,
        category: '',
        colour: '',
        mayChange: true
      }))
    },
    { key: 'responses', value: responsesByType(responses) },
    {
      key: 'teams',
      value: teams.map((team) => ({ id: team.TeamId, name: team.Name, memberCount: 0 }))
    },
    { key: 'assignmentSummary', value: summaryOf(assignments) }
  ]
  await transaction.table<ListRecord, string>('lists').bulkPut(lists)
  await transaction.table('directoryPages').bulkAdd(pagesOf([directory]))
  await transaction.table('assignmentPages').bulkAdd(pagesOf([assignments]))
  const meta = transaction.table<MetaRow, string>('meta')
  const asOf = await meta.get('asOf:connections')
  if (asOf) await meta.put({ key: 'asOf:assignments', value: asOf.value })
  await meta.delete('asOf:connections')
}

async function itemsOf<T>(transaction: Transaction, table: string): Promise<T[]> {
  const records = await transaction.table<PageRecord<T>, number>(table).orderBy('page').toArray()
  return records.flatMap((record) => record.items)
}

function personOf(row: LegacyPersonRow): Person {
  return {
    id: row.IndvId,
    familyId: row.FamilyId > 0 ? row.FamilyId : null,
    firstName: row.FirstName,
    lastName: row.LastName,
    goesByName: row.PreferredName,
    friendlyName: '',
    email: row.Email,
    phone: row.Phone,
    address: '',
    city: '',
    state: '',
    zipcode: ''
  }
}

function unnamed(id: number): Person {
  return {
    ...personOf({
      IndvId: id,
      FamilyId: 0,
      FirstName: '',
      LastName: '',
      PreferredName: '',
      Email: '',
      Phone: ''
    })
  }
}

function connectionOf(
  row: LegacyConnectionRow,
  people: ReadonlyMap<number, Person>,
  typeNames: ReadonlyMap<number, string>
): Connection {
  const contact = people.get(row.ContactIndvId) ?? unnamed(row.ContactIndvId)
  const caller =
    row.CallerIndvId === NO_ASSIGNEE
      ? undefined
      : (people.get(row.CallerIndvId) ?? unnamed(row.CallerIndvId))
  return {
    id: row.ConnectionId,
    typeId: row.ConnectionTypeId,
    typeName: typeNames.get(row.ConnectionTypeId) ?? '',
    colour: '',
    contact,
    familyConnection: row.FamilyConnection,
    familyId: contact.familyId,
    dateCreated: '',
    dueDate: connectionDateOrdinal(row.DueDate) === undefined ? '' : row.DueDate,
    completed: false,
    comment: row.LastComment,
    contactType: '',
    responses: [],
    teamMembers: caller ? [caller] : [],
    mayChange: null
  }
}

function responsesByType(rows: readonly LegacyResponseRow[]) {
  const byType = new Map<number, Array<{ id: number; name: string }>>()
  for (const row of rows) {
    const list = byType.get(row.ConnectionTypeId) ?? []
    list.push({ id: row.ResponseId, name: row.Description })
    byType.set(row.ConnectionTypeId, list)
  }
  return [...byType].map(([typeId, responses]) => ({ typeId, responses }))
}

function summaryOf(assignments: readonly Connection[]): AssignmentSummary[] {
  const byType = new Map<number, AssignmentSummary & { ordinal: number | undefined }>()
  for (const connection of assignments) {
    const ordinal = connectionDateOrdinal(connection.dueDate)
    const known = byType.get(connection.typeId)
    if (!known) {
      byType.set(connection.typeId, {
        typeId: connection.typeId,
        typeName: connection.typeName,
        colour: '',
        earliestDueDate: ordinal === undefined ? '' : connection.dueDate,
        total: 1,
        ordinal
      })
      continue
    }
    known.total++
    if (ordinal !== undefined && (known.ordinal === undefined || ordinal < known.ordinal)) {
      known.ordinal = ordinal
      known.earliestDueDate = connection.dueDate
    }
  }
  return [...byType.values()].map(({ ordinal: _ordinal, ...summary }) => summary)
}
