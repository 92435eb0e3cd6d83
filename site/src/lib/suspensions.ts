import type { PortalContent, PortalSuspension } from '../content/PortalContent'
import { bulletinPath } from './paths'
import { programPath } from './programs'

/** The suspended pages of one kind of item. */
export function suspendedOf(content: Pick<PortalContent, 'suspended'>, kind: PortalSuspension['kind']): PortalSuspension[] {
  return (content.suspended ?? []).filter((suspension) => suspension.kind === kind)
}

/** Site-relative URL of a suspended page: the item's own address. */
export function suspensionPath(suspension: Pick<PortalSuspension, 'kind' | 'slug'>): string {
  return suspension.kind === 'bulletin' ? bulletinPath(suspension) : programPath(suspension)
}
