import { readFile } from 'node:fs/promises'
import type { SocialFailure, SocialFailureCategory } from './SocialProvider'

/**
 * Connection errors that happen before a request leaves the machine (refused, unresolved, unreachable): a post
 * that failed this way certainly was not made, so it is retried rather than looked up.
 */
export const NOT_SENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])

export interface SocialProviderErrorOptions<Code extends string, Stage extends string> {
  code: Code
  message: string
  /** Which call failed: only a failure of the post itself can have published anything. */
  stage: Stage | null
  /**
   * True when the post request may have reached the network and its result is not known (timeout or dropped
   * connection after sending, or a server error on the post). Never retry such a post blindly: look it up.
   */
  isOutcomeUnknown?: boolean
  /** When the network accepts posts again (429). */
  resetAt?: Date
  httpStatus?: number
  cause?: unknown
}

/**
 * What a network's provider throws: its own stable codes, each mapped once to the category the posting task
 * decides on (see SocialFailure). A new network declares its codes and their categories and extends this.
 */
/**
 * The bytes of the image a post carries, read before any request, so a missing file is refused as such and
 * never mistaken for a failed send. `unreadable` turns the sentence people read into the network's own error.
 */
export async function readPostImage(
  { path, network }: { path: string; network: string },
  unreadable: (failure: { message: string; cause: unknown }) => Error,
): Promise<Buffer> {
  try {
    return await readFile(path)
  } catch (cause) {
    throw unreadable({ cause, message: `No se pudo leer la imagen para ${network} (${path}). Revise que el archivo exista o publique sin imagen.` })
  }
}

export abstract class SocialProviderError<Code extends string, Stage extends string> extends Error implements SocialFailure {
  readonly code: Code
  readonly stage: Stage | null
  readonly isOutcomeUnknown: boolean
  readonly resetAt: Date | undefined
  readonly httpStatus: number | undefined
  readonly #categories: Readonly<Record<Code, SocialFailureCategory>>

  constructor(options: SocialProviderErrorOptions<Code, Stage>, categories: Readonly<Record<Code, SocialFailureCategory>>) {
    super(options.message, { cause: options.cause })
    this.code = options.code
    this.stage = options.stage
    this.isOutcomeUnknown = options.isOutcomeUnknown ?? false
    this.resetAt = options.resetAt
    this.httpStatus = options.httpStatus
    this.#categories = categories
  }

  get category(): SocialFailureCategory {
    return this.#categories[this.code]
  }
}
