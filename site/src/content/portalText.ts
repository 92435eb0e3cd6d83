/**
 * Each item's JSON text, written once per object. A worker's export hands over the bulletins unchanged since
 * the last export as the same objects, publication after publication, so only the changed ones are serialized:
 * the diff (selectChanges), the content file and the expediente's page signatures all read these texts, and two
 * texts of one object are one string, compared in constant time. Items are never changed in place once exported
 * (a change makes a new object), which is what makes the memo sound.
 */
const textOf = new WeakMap<object, string>()

export function itemText(item: object): string {
  let text = textOf.get(item)
  if (text === undefined) textOf.set(item, (text = JSON.stringify(item)))
  return text
}

/**
 * `JSON.stringify(content)` of a portal content, byte for byte, with the bulletins' texts taken from `itemText`: at 50,000 bulletins
 * (~120 MB) writing the content file no longer serializes the whole archive on every publication.
 */
export function portalContentText(content: object): string {
  const members: string[] = []
  for (const [key, value] of Object.entries(content)) {
    const json = key === 'bulletins' && Array.isArray(value) ? `[${value.map((bulletin: object) => itemText(bulletin)).join(',')}]` : JSON.stringify(value)
    // JSON.stringify leaves out members whose value has no JSON text (undefined, functions).
    if (json !== undefined) members.push(`${JSON.stringify(key)}:${json}`)
  }
  return `{${members.join(',')}}`
}
