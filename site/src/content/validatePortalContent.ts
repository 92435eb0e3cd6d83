import type { PortalBulletin } from './PortalContent'

// Slugs become directories and filenames become paths under /media: nothing that could climb out of either.
const SLUG = /^[a-z0-9][a-z0-9-]*$/
const FILENAME = /^[^/\\\0]+$/
// Inlined into style attributes: base64 only, so nothing in it can close the attribute; a few KB at most.
const PLACEHOLDER = /^data:image\/(webp|jpeg|png);base64,[A-Za-z0-9+/=]{1,4000}$/

/**
 * Checks the shape of the exporter's JSON just enough to fail with a precise path ("bulletins[3].slug")
 * instead of a template error deep inside the Astro build. Returns a list of problems, empty when valid.
 */
export function validatePortalContent(value: unknown): string[] {
  const problems: string[] = []
  const check = (isOk: boolean, path: string, expected: string) => {
    if (!isOk) problems.push(`${path} must be ${expected}`)
  }
  if (!isObject(value)) return ['the root must be an object']

  check(isString(value.generatedAt), 'generatedAt', 'an ISO date string')
  const site = value.site
  if (!isObject(site)) problems.push('site must be an object')
  else {
    for (const key of ['name', 'description'] as const) check(isString(site[key]), `site.${key}`, 'a string')
    check(isString(site.url) && isAbsoluteUrl(site.url), 'site.url', 'an absolute http(s) URL')
    check(isString(site.timeZone) && isTimeZone(site.timeZone), 'site.timeZone', 'an IANA time zone such as "America/Mexico_City"')
    const notice = site.privacyNoticeUrl
    check(notice === undefined || notice === null || (isString(notice) && isAbsoluteUrl(notice)), 'site.privacyNoticeUrl', 'an absolute http(s) URL or null')
    const contact = site.contact
    check(
      contact === undefined || (isObject(contact) && ['email', 'phone', 'address'].every((key) => contact[key] === null || isString(contact[key]))),
      'site.contact',
      '{email, phone, address}, each text or null',
    )
    const subscriptions = site.subscriptions
    check(
      subscriptions === undefined ||
        subscriptions === null ||
        (isObject(subscriptions) &&
          isString(subscriptions.action) &&
          isAbsoluteUrl(subscriptions.action) &&
          Array.isArray(subscriptions.departments) &&
          subscriptions.departments.every((d) => isObject(d) && Number.isSafeInteger(d.id) && isString(d.name))),
      'site.subscriptions',
      '{action: an absolute http(s) URL, departments: [{id, name}]} or null',
    )
    const petitions = site.petitions
    check(
      petitions === undefined || petitions === null || (isObject(petitions) && [petitions.action, petitions.lookup].every((url) => isString(url) && isAbsoluteUrl(url))),
      'site.petitions',
      '{action, lookup}: absolute http(s) URLs, or null',
    )
  }
  // A bulletin's address is one page, whether it shows the text, a withdrawal or a suspension; a program's likewise.
  const seen = { bulletin: new Set<unknown>(), program: new Set<unknown>() }
  if (!Array.isArray(value.bulletins)) problems.push('bulletins must be an array')
  else {
    problems.push(...listProblems(value.bulletins, 'bulletins', 'bulletin', bulletinProblems, seen.bulletin))
    if (value.withdrawn !== undefined) {
      if (!Array.isArray(value.withdrawn)) problems.push('withdrawn must be an array')
      else {
        value.withdrawn.forEach((notice, index) => {
          const at = `withdrawn[${index}]`
          if (!isObject(notice)) return problems.push(`${at} must be an object`)
          if (!isString(notice.slug) || !SLUG.test(notice.slug)) problems.push(`${at}.slug must be lowercase letters, digits and dashes`)
          for (const key of ['title', 'notice'] as const) if (!isString(notice[key])) problems.push(`${at}.${key} must be a string`)
          for (const key of ['publishedAt', 'withdrawnAt'] as const) {
            if (!isString(notice[key]) || Number.isNaN(Date.parse(notice[key]))) problems.push(`${at}.${key} must be an ISO date`)
          }
          if (notice.isInFeeds !== undefined && typeof notice.isInFeeds !== 'boolean') problems.push(`${at}.isInFeeds must be true or false`)
          const department = notice.department
          if (department !== undefined && department !== null && !(isObject(department) && isString(department.name) && isString(department.slug) && SLUG.test(department.slug))) {
            problems.push(`${at}.department must be null or {name, slug} with a lowercase-and-dashes slug`)
          }
          if (seen.bulletin.has(notice.slug)) problems.push(`${at}.slug "${String(notice.slug)}" is used by another bulletin`)
          seen.bulletin.add(notice.slug)
        })
      }
    }
  }
  if (value.programs !== undefined) {
    if (!Array.isArray(value.programs)) problems.push('programs must be an array')
    else problems.push(...listProblems(value.programs, 'programs', 'program', programProblems, seen.program))
  }
  if (value.suspended !== undefined) {
    if (!Array.isArray(value.suspended)) problems.push('suspended must be an array')
    else value.suspended.forEach((suspension, index) => problems.push(...suspensionProblems(suspension, `suspended[${index}]`, seen)))
  }
  if (value.alerts !== undefined) {
    if (!Array.isArray(value.alerts)) problems.push('alerts must be an array')
    else value.alerts.forEach((alert, index) => problems.push(...alertProblems(alert, `alerts[${index}]`)))
  }
  return problems
}

/** An alert is shown on every page: its link must stay on the portal, its id is a localStorage key. */
function alertProblems(value: unknown, at: string): string[] {
  if (!isObject(value)) return [`${at} must be an object`]
  const problems: string[] = []
  if (!isString(value.id) || !/^[\w-]{1,64}$/.test(value.id)) problems.push(`${at}.id must be letters, digits, _ or - (at most 64)`)
  for (const key of ['title', 'summary'] as const) if (!isString(value[key])) problems.push(`${at}.${key} must be a string`)
  if (!isString(value.link) || !/^\/[^/\\]/.test(value.link)) problems.push(`${at}.link must be a site-relative path such as /boletines/<slug>/`)
  for (const key of ['startsAt', 'endsAt'] as const) {
    if (!isString(value[key]) || Number.isNaN(Date.parse(value[key]))) problems.push(`${at}.${key} must be an ISO date`)
  }
  return problems
}

const SUSPENDED_KINDS = new Set(['bulletin', 'program'])

/** A suspended page: which kind of item, its address, and a note to show (never empty: the page says nothing else). */
function suspensionProblems(value: unknown, at: string, seen: Record<'bulletin' | 'program', Set<unknown>>): string[] {
  if (!isObject(value)) return [`${at} must be an object`]
  const problems: string[] = []
  if (!SUSPENDED_KINDS.has(value.kind as string)) return [`${at}.kind must be one of ${[...SUSPENDED_KINDS].join(', ')}`]
  if (!isString(value.slug) || !SLUG.test(value.slug)) problems.push(`${at}.slug must be lowercase letters, digits and dashes`)
  if (!isString(value.id)) problems.push(`${at}.id must be a string`)
  if (!isString(value.notice) || !value.notice.trim()) problems.push(`${at}.notice must be a text`)
  const used = seen[value.kind as 'bulletin' | 'program']
  if (used.has(value.slug)) problems.push(`${at}.slug "${String(value.slug)}" is used by another ${String(value.kind)}`)
  used.add(value.slug)
  return problems
}

/** Each item's problems, and slugs used twice (they would be one page). */
function listProblems(items: unknown[], name: string, noun: string, itemProblems: (item: unknown, at: string) => string[], seen: Set<unknown>): string[] {
  return items.flatMap((item, index) => {
    const problems = itemProblems(item, `${name}[${index}]`)
    const slug = isObject(item) ? item.slug : undefined
    if (seen.has(slug)) problems.push(`${name}[${index}].slug "${String(slug)}" is used by an earlier ${noun}`)
    seen.add(slug)
    return problems
  })
}

const BULLETIN_KINDS = new Set(['boletin', 'comunicado', 'aviso', 'posicionamiento'])
const PROGRAM_STATUSES = new Set(['proximamente', 'abierta', 'cierra-pronto', 'cerrada'])

function programProblems(value: unknown, at: string): string[] {
  if (!isObject(value)) return [`${at} must be an object`]
  const problems: string[] = []
  if (!isString(value.slug) || !SLUG.test(value.slug)) problems.push(`${at}.slug must be lowercase letters, digits and dashes`)
  for (const key of ['id', 'title', 'summary'] as const) if (!isString(value[key])) problems.push(`${at}.${key} must be a string`)
  for (const key of ['agency', 'eligibility', 'howToApply', 'contact'] as const) {
    if (value[key] !== null && !isString(value[key])) problems.push(`${at}.${key} must be a string or null`)
  }
  for (const key of ['requirements', 'documents'] as const) {
    if (!Array.isArray(value[key]) || !value[key].every(isString)) problems.push(`${at}.${key} must be a list of strings`)
  }
  for (const key of ['opensAt', 'closesAt'] as const) {
    if (value[key] !== null && (!isString(value[key]) || Number.isNaN(Date.parse(value[key])))) problems.push(`${at}.${key} must be an ISO date or null`)
  }
  if (!isString(value.publishedAt) || Number.isNaN(Date.parse(value.publishedAt))) problems.push(`${at}.publishedAt must be an ISO date`)
  if (!PROGRAM_STATUSES.has(value.status as string)) problems.push(`${at}.status must be one of ${[...PROGRAM_STATUSES].join(', ')}`)
  if (!Array.isArray(value.attachments)) problems.push(`${at}.attachments must be a list`)
  else problems.push(...attachmentProblems(value.attachments, at))
  problems.push(...correctionProblems(value.corrections, at))
  return problems
}

/** Published corrections, oldest first; absent in content exported before a kind had them. */
function correctionProblems(corrections: unknown, at: string): string[] {
  if (corrections === undefined) return []
  const isValid = Array.isArray(corrections) && corrections.every((c) => isObject(c) && isString(c.note) && isString(c.at) && !Number.isNaN(Date.parse(c.at)))
  return isValid ? [] : [`${at}.corrections must be a list of {at, note}`]
}

function attachmentProblems(attachments: unknown[], at: string): string[] {
  return attachments.flatMap((attachment, index) => {
    const where = `${at}.attachments[${index}]`
    const problems = imageFileProblems({ ...(isObject(attachment) ? attachment : {}), width: 0, height: 0 }, where)
    if (!isObject(attachment) || !isString(attachment.title) || typeof attachment.bytes !== 'number') problems.push(`${where} must have a title and a size in bytes`)
    return problems
  })
}

function bulletinProblems(value: unknown, at: string): string[] {
  if (!isObject(value)) return [`${at} must be an object`]
  const problems: string[] = []
  for (const key of ['id', 'title', 'summary', 'bodyHtml'] as const satisfies readonly (keyof PortalBulletin)[]) {
    if (!isString(value[key])) problems.push(`${at}.${key} must be a string`)
  }
  if (!isString(value.slug) || !SLUG.test(value.slug)) problems.push(`${at}.slug must be lowercase letters, digits and dashes`)
  if (!isString(value.publishedAt) || Number.isNaN(Date.parse(value.publishedAt))) problems.push(`${at}.publishedAt must be an ISO date`)
  const department = value.department
  if (department !== null && !(isObject(department) && isString(department.name) && isString(department.slug) && SLUG.test(department.slug))) {
    problems.push(`${at}.department must be null or {name, slug} with a lowercase-and-dashes slug`)
  }
  if (value.hero !== null) problems.push(...imageProblems(value.hero, `${at}.hero`))
  if (value.gallery !== undefined) {
    if (!Array.isArray(value.gallery)) problems.push(`${at}.gallery must be a list`)
    else value.gallery.forEach((image, index) => problems.push(...imageProblems(image, `${at}.gallery[${index}]`)))
  }
  if (value.attachments !== undefined) {
    if (!Array.isArray(value.attachments)) problems.push(`${at}.attachments must be a list`)
    else problems.push(...attachmentProblems(value.attachments, at))
  }
  if (value.kind !== undefined && !BULLETIN_KINDS.has(value.kind as string)) problems.push(`${at}.kind must be one of ${[...BULLETIN_KINDS].join(', ')}`)
  if (value.spokesperson !== undefined && value.spokesperson !== null && !isString(value.spokesperson)) problems.push(`${at}.spokesperson must be text`)
  problems.push(...correctionProblems(value.corrections, at))
  if (value.place !== undefined && value.place !== null && !isString(value.place)) problems.push(`${at}.place must be text`)
  if (value.eventDate !== undefined && value.eventDate !== null && (!isString(value.eventDate) || Number.isNaN(Date.parse(value.eventDate)))) {
    problems.push(`${at}.eventDate must be an ISO date or null`)
  }
  if (value.topics !== undefined) {
    const isValid = Array.isArray(value.topics) && value.topics.every((t) => isObject(t) && isString(t.name) && isString(t.slug) && SLUG.test(t.slug))
    if (!isValid) problems.push(`${at}.topics must be a list of {name, slug} with lowercase-and-dashes slugs`)
  }
  return problems
}

function imageProblems(value: unknown, at: string): string[] {
  if (!isObject(value)) return [`${at} must be null or an image object`]
  const problems = imageFileProblems(value, at)
  if (!isString(value.alt)) problems.push(`${at}.alt must be a string`)
  if (value.sources !== undefined) {
    if (!Array.isArray(value.sources)) problems.push(`${at}.sources must be a list`)
    else value.sources.forEach((source, index) => problems.push(...imageFileProblems(source, `${at}.sources[${index}]`)))
  }
  if (value.share !== undefined && value.share !== null) problems.push(...imageFileProblems(value.share, `${at}.share`))
  if (value.placeholder !== undefined && value.placeholder !== null) {
    if (!isString(value.placeholder) || !PLACEHOLDER.test(value.placeholder)) problems.push(`${at}.placeholder must be a small base64 data: URI of an image`)
  }
  return problems
}

function imageFileProblems(value: unknown, at: string): string[] {
  if (!isObject(value)) return [`${at} must be an image file object`]
  const problems: string[] = []
  if (!isString(value.filename) || !FILENAME.test(value.filename) || value.filename === '..' || value.filename === '.') {
    problems.push(`${at}.filename must be a plain file name`)
  }
  if (!isString(value.mimeType)) problems.push(`${at}.mimeType must be a string`)
  for (const key of ['width', 'height'] as const) {
    if (typeof value[key] !== 'number' || !(value[key] >= 0)) problems.push(`${at}.${key} must be a number ≥ 0`)
  }
  return problems
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isString(value: unknown): value is string {
  return typeof value === 'string'
}

function isAbsoluteUrl(value: string): boolean {
  return /^https?:\/\//.test(value) && URL.canParse(value)
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('es-MX', { timeZone: value })
    return true
  } catch {
    return false
  }
}
