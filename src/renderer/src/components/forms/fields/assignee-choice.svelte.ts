import { NO_ASSIGNEE, type Assignee } from '$shared/change-request'
import type { Person, Team } from '$shared/lookups'
import { displayName, personNotInDirectory } from '$renderer/search/person-text'

export type AssigneeKind = 'person' | 'team'

export interface AssigneeValues {
  kind: AssigneeKind
  person: Person | null
  teamId: number | null
}

/** Where the form finds the people and teams an unsent result names. */
export interface AssigneeDirectory {
  personById(indvId: number): Person | undefined
  teamById(teamId: number): Team | undefined
}

/** Who makes the contact: a person from the directory or a team, never both. */
export class AssigneeChoice {
  kind = $state<AssigneeKind>('person')
  #person = $state.raw<Person | null>(null)
  #teamId = $state<number | null>(null)

  constructor(initial: Partial<AssigneeValues> = {}) {
    this.kind = initial.kind ?? 'person'
    this.#person = initial.person ?? null
    this.#teamId = initial.teamId ?? null
  }

  /**
   * The assignee a saved body names. `savedName` is the summary's "Person: Ann Lee", used
   * when the person has left the offline directory since.
   */
  static fromBody(
    body: { NewCallerIndvId: number; NewTeamId: number },
    directory: AssigneeDirectory,
    savedName?: string
  ): AssigneeChoice {
    if (body.NewTeamId !== NO_ASSIGNEE)
      return new AssigneeChoice({ kind: 'team', teamId: body.NewTeamId })
    if (body.NewCallerIndvId === NO_ASSIGNEE) return new AssigneeChoice()
    const person =
      directory.personById(body.NewCallerIndvId) ??
      personNotInDirectory(body.NewCallerIndvId, savedName?.replace(/^Person:\s*/, ''))
    return new AssigneeChoice({ kind: 'person', person })
  }

  get person(): Person | null {
    return this.#person
  }

  get teamId(): number | null {
    return this.#teamId
  }

  choosePerson(person: Person | null): void {
    this.#person = person
  }

  chooseTeam(teamId: number | null): void {
    this.#teamId = teamId
  }

  /**
   * What the builder gets. Nothing chosen becomes -1, so the shared schema reports the
   * missing assignee in its own words.
   */
  toAssignee(): Assignee {
    return this.kind === 'person'
      ? { kind: 'person', indvId: this.#person?.id ?? NO_ASSIGNEE }
      : { kind: 'team', teamId: this.#teamId ?? NO_ASSIGNEE }
  }

  /** "Person: Ann Lee" or "Team: Greeters", as the outbox lists show it. */
  describe(directory: AssigneeDirectory): string | undefined {
    if (this.kind === 'person') {
      return this.#person ? `Person: ${displayName(this.#person)}` : undefined
    }
    if (this.#teamId === null) return undefined
    return `Team: ${directory.teamById(this.#teamId)?.name ?? `#${this.#teamId}`}`
  }

  values(): AssigneeValues {
    return { kind: this.kind, person: this.#person, teamId: this.#teamId }
  }
}
