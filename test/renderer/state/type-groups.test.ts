import { describe, expect, it } from 'vitest'
import { typeGroups } from '$renderer/state/type-groups'
import { connectionDateOrdinal } from '$shared/change-request'
import type { AssignmentSummary, Connection, ConnectionType } from '$shared/lookups'

const TODAY = connectionDateOrdinal('03/14/2025') ?? 0

function assignment(id: number, typeId: number, dueDate: string): Connection {
  return {
    id,
    typeId,
    typeName: `Wire type ${typeId}`,
    colour: '',
    contact: null,
    familyConnection: false,
    familyId: null,
    dateCreated: '',
    dueDate,
    completed: false,
    comment: '',
    contactType: '',
    responses: [],
    teamMembers: [],
    mayChange: null
  }
}

const types: ConnectionType[] = [
  { id: 1, name: 'First-time guest', category: '', colour: '', mayChange: true },
  { id: 3, name: 'Membership class', category: '', colour: '#00aa00', mayChange: false }
]
const typeById = (id: number) => types.find((type) => type.id === id)

describe('typeGroups', () => {
  it('groups the assignments by type, in the summary’s order, with colour and earliest due date', () => {
    const summaries: AssignmentSummary[] = [
      {
        typeId: 3,
        typeName: 'Membership',
        colour: '#3366cc',
        earliestDueDate: '01/01/2025',
        total: 9
      },
      { typeId: 1, typeName: 'Guests', colour: '#cc3333', earliestDueDate: '03/10/2025', total: 2 }
    ]
    const groups = typeGroups(
      [
        assignment(1, 1, '03/20/2025'),
        assignment(2, 1, '03/10/2025'),
        assignment(3, 3, ''),
        assignment(4, 3, '03/18/2025'),
        assignment(5, 4, '')
      ],
      summaries,
      typeById,
      TODAY
    )
    expect(groups).toEqual([
      {
        typeId: 3,
        name: 'Membership class',
        colour: '#3366cc',
        count: 2,
        earliestDueDate: '03/18/2025',
        overdue: false
      },
      {
        typeId: 1,
        name: 'First-time guest',
        colour: '#cc3333',
        count: 2,
        earliestDueDate: '03/10/2025',
        overdue: true
      },
      { typeId: 4, name: 'Wire type 4', colour: '', count: 1, earliestDueDate: '', overdue: false }
    ])
  })

  it('takes the summary’s earliest due date when no assignment of the type has one', () => {
    const [group] = typeGroups(
      [assignment(1, 1, '')],
      [{ typeId: 1, typeName: '', colour: '', earliestDueDate: '03/01/2025', total: 1 }],
      typeById,
      TODAY
    )
    expect(group).toMatchObject({ earliestDueDate: '03/01/2025', overdue: true })
  })
})
