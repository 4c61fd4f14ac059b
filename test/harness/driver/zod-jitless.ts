import * as z from 'zod'

/**
 * zod builds each object schema with a one-time probe for eval (`new Function` in a try).
 * The production CSP blocks it and reports a violation although nothing runs; the suites
 * count violations, so the driver page imports this first and adds none of its own.
 */
z.config({ jitless: true })
