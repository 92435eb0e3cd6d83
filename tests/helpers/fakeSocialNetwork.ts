import type { RecordedRequest } from './fakeXApi'

/**
 * What every local stand-in of a social network offers the cross-network tests (delivery to all seven, the
 * fault suites, the benchmark), whatever the network's own API looks like. Each fake also exports its own
 * richer type for its provider's tests.
 */
export interface FakeSocialNetwork<Fault extends string = string> {
  /** Base address to give Pregón (the API URL variable of that network). */
  url: string
  requests: RecordedRequest[]
  /** Every post the network holds now, oldest first, with its text as posted (message, caption or text). */
  posts(): FakePostSummary[]
  /**
   * The next `count` matching requests fail with `fault`: on 'post' only the request that creates the post,
   * on 'any' whichever request comes next.
   */
  failNext(fault: Fault, count?: number, on?: 'any' | 'post'): void
  /** Faults still waiting for a request. */
  pendingFaults(): number
  close(): Promise<void>
}

export interface FakePostSummary {
  id: string
  text: string
  /** The picture it carries: bytes uploaded or the URL the network was told to fetch, and its alt text. */
  image: { bytes?: number; url?: string; alt: string | null; width?: number; height?: number } | null
}

/** One kind of fault a fault suite injects, and where. */
export type FaultPlan<Fault extends string> = ReadonlyArray<readonly [Fault, 'any' | 'post']>
