import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common'
import type { Problem } from '@pregon/core/PregonError'

/**
 * What a password must be (NIST SP 800-63B): long enough, not absurdly long, not one of the passwords
 * attackers try first, and not the person's own email or name. No composition rules ("a capital, a digit,
 * a symbol"): they make passwords harder to remember, not to guess.
 */
export const PASSWORD_MIN_LENGTH = 12
/** pbkdf2 hashes any length, but a megabyte "password" is a denial of service, not a secret. */
export const PASSWORD_MAX_LENGTH = 256
/** zxcvbn's score 3: at least 10^8 guesses, with its dictionary of common passwords, keyboard walks, repeats and sequences. */
const MIN_SCORE = 3

const COMMON = new Set(dictionary['passwords-common'])
let estimator: ZxcvbnFactory | undefined
// Built on first use: it indexes ~50,000 words (~80 ms), which a process that never sets a password never needs.
const strength = () => (estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs }))

/** Lower case, accents and separators dropped: «Lucía.Méndez» and «luciamendez» are the same word here. */
const bare = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '')

export interface PasswordOwner {
  email?: string | null
  name?: string | null
}

/** The words of the person a password must not be made of: their email, its local part, their name. */
function personalWords({ email, name }: PasswordOwner): string[] {
  const words = [email, email?.split('@')[0], name, ...(name ?? '').split(/\s+/)]
  return [...new Set(words.map((word) => bare(word ?? '')).filter((word) => word.length >= 3))]
}

export const PASSWORD_PROBLEMS = {
  PASSWORD_TOO_SHORT: `La contraseña debe tener al menos ${PASSWORD_MIN_LENGTH} caracteres. Una frase de varias palabras que solo tú conozcas es fácil de recordar y difícil de adivinar.`,
  PASSWORD_TOO_LONG: `La contraseña no puede tener más de ${PASSWORD_MAX_LENGTH} caracteres.`,
  PASSWORD_TOO_COMMON:
    'Esa contraseña es de las primeras que se prueban al atacar una cuenta (es muy común o sigue un patrón fácil, como «123456» o «qwerty»). Elige otra: una frase de varias palabras que solo tú conozcas.',
  PASSWORD_PERSONAL: 'La contraseña no puede ser tu correo ni tu nombre, ni basarse en ellos. Elige otra que no se deduzca de tus datos.',
} as const

export type PasswordProblemCode = keyof typeof PASSWORD_PROBLEMS

const problem = (code: PasswordProblemCode): Problem => ({ code, message: PASSWORD_PROBLEMS[code] })

/** Why a password may not be used, or null if it may. */
export function passwordProblem(password: string, owner: PasswordOwner = {}): Problem | null {
  // Characters as a person counts them («ñ» is one), not UTF-16 units.
  const length = [...password].length
  if (length < PASSWORD_MIN_LENGTH) return problem('PASSWORD_TOO_SHORT')
  if (length > PASSWORD_MAX_LENGTH) return problem('PASSWORD_TOO_LONG')

  const personal = personalWords(owner)
  if (personal.includes(bare(password))) return problem('PASSWORD_PERSONAL')
  if (COMMON.has(password.toLowerCase()) || COMMON.has(bare(password))) return problem('PASSWORD_TOO_COMMON')

  const estimate = strength().check(password, personal)
  if (estimate.score >= MIN_SCORE) return null
  const leansOnPersonalWords = estimate.sequence.some((match) => match.pattern === 'dictionary' && match.dictionaryName === 'userInputs')
  return problem(leansOnPersonalWords ? 'PASSWORD_PERSONAL' : 'PASSWORD_TOO_COMMON')
}
