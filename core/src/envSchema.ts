import { z } from 'zod'

/**
 * Building blocks for the environment schema in loadConfig.ts. Every one treats an empty variable (`NAME=` in
 * .env, or a blank line in a container's settings) as unset, so it takes its default instead of failing.
 */

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value)

/** An optional variable: unset or empty gives `undefined`. */
export const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional())

/** A variable with a default: unset or empty gives `fallback`. */
export const withDefault = <T extends z.ZodType>(schema: T, fallback: z.util.NoUndefined<z.output<T>>) =>
  z.preprocess(emptyToUndefined, schema.default(fallback))

export const port = (fallback: number) =>
  withDefault(
    z.coerce
      .number({ error: 'must be a number (use a TCP port such as 3000)' })
      .int('must be a whole number (use a TCP port such as 3000)')
      .min(1, 'must be between 1 and 65535')
      .max(65535, 'must be between 1 and 65535'),
    fallback,
  )

export const wholeNumber = ({ fallback, min, max, example }: { fallback: number; min: number; max: number; example: string }) =>
  withDefault(
    z.coerce
      .number({ error: `must be a whole number (for example ${example})` })
      .int(`must be a whole number (for example ${example})`)
      .min(min, `must be between ${min} and ${max}`)
      .max(max, `must be between ${min} and ${max}`),
    fallback,
  )

/** A quantity above zero, fractions allowed; the default doubles as the example in the messages. */
export const positiveNumber = ({ fallback, unit }: { fallback: number; unit: string }) =>
  withDefault(
    z.coerce.number({ error: `must be a number of ${unit} (for example ${fallback})` }).positive(`must be more than 0 (for example ${fallback})`),
    fallback,
  )

/** An absolute http(s) URL, trailing slashes dropped so paths can be appended with a single `/`. */
export const absoluteUrl = (message: string) =>
  z
    .string()
    .refine((value) => /^https?:\/\/[^/\s]+/.test(value) && URL.canParse(value), message)
    .transform((value) => value.replace(/\/+$/, ''))

/** An absolute http(s) URL that defaults to `fallback`, which is also the example in the message. */
export const httpUrl = (fallback: string) =>
  withDefault(absoluteUrl(`must be an absolute http(s) URL (for example ${fallback})`), fallback)

/**
 * Variables that only work together (credentials, a server and its token): a partial set is a mistake, so each
 * missing one is reported against the ones that are set. `hint` says how to fix it.
 */
export function allOrNone<Key extends string>({
  env,
  ctx,
  keys,
  hint,
}: {
  env: Partial<Record<Key, unknown>>
  ctx: z.RefinementCtx
  keys: readonly Key[]
  hint: string
}): void {
  const present = keys.filter((key) => env[key] !== undefined)
  if (present.length === 0 || present.length === keys.length) return
  for (const key of keys.filter((k) => env[k] === undefined)) {
    ctx.addIssue({ code: 'custom', path: [key], message: `is missing while ${present.join(', ')} is set (${hint})` })
  }
}
