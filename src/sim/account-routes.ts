import type { IncomingMessage } from 'node:http'
import * as z from 'zod'
import type { ChurchDirectory } from './church-directory'
import { jsonAnswer, messageAnswer, modelStateAnswer, type Answer } from './http-answer'
import { practiceUsersByEmail } from './practice-users'
import { readBody } from './read-body'
import type { SiteContext } from './site-context'

/** ASP.NET binds JSON names without regard to case; so does the practice site. */
const findByEmailBody = z
  .record(z.string(), z.unknown())
  .transform((body) => {
    const lower = new Map(Object.entries(body).map(([key, value]) => [key.toLowerCase(), value]))
    return { email: lower.get('email'), password: lower.get('password') }
  })
  .pipe(z.object({ email: z.string().min(1), password: z.string().min(1) }))

/**
 * `PUT {base}/accounts/findbyemail` with `{"email", "password"}`: no site, no Basic
 * authorization. Answers the Account of every site the pair may sign in to, or 401.
 */
export async function findByEmailAnswer(site: SiteContext, req: IncomingMessage): Promise<Answer> {
  const read = await readBody(req)
  if (read.tooLarge) return { ...messageAnswer(413, 'The request is too large.'), close: true }
  let json: unknown
  try {
    json = JSON.parse(read.text)
  } catch {
    return modelStateAnswer('The request is invalid.', {
      request: ['The body must be JSON with an email and a password.']
    })
  }
  const parsed = findByEmailBody.safeParse(json)
  if (!parsed.success) {
    return modelStateAnswer('The request is invalid.', {
      request: ['The body must carry an email and a password.']
    })
  }
  const { email, password } = parsed.data
  const accounts = practiceUsersByEmail(email)
    .filter((user) => site.faults.passwordOf(user.username, user.password) === password)
    .flatMap((user) =>
      user.sites.flatMap((siteNumber) => {
        const directory: ChurchDirectory | undefined = site.directories.get(siteNumber)
        return directory ? [directory.accountJson(user)] : []
      })
    )
  if (accounts.length === 0) {
    return messageAnswer(401, 'The e-mail address or password is incorrect.')
  }
  return jsonAnswer(200, `[${accounts.join(',')}]`)
}
