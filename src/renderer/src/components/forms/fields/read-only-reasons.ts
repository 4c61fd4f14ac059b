/** A connection closed in Access ACS: the service refuses any result for it (400). */
export const COMPLETED =
  'This connection is completed in Access ACS, which accepts no more results for it. Add a new connection if the person needs another contact.'

/** The comment field is left out when the user's rights do not let them add comments. */
export const NO_COMMENT_RIGHT =
  'Your Access ACS rights do not let you add comments, so this result goes without one.'
