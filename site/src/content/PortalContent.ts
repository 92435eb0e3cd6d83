/**
 * The contract between the CMS export (workers/) and the Astro portal (site/).
 * The worker writes one JSON file of this shape with published content only;
 * the portal build reads it (path in the PREGON_PORTAL_CONTENT environment variable).
 */
/** One file of an image; the portal serves it at /media/<filename>. */
export interface PortalImageFile {
  /** File name inside the media directory. */
  filename: string
  width: number
  height: number
  mimeType: string
}

/** An image as pages show it: `filename` is the card-sized file, the fallback `src`. */
export interface PortalImage extends PortalImageFile {
  alt: string
  /** Every responsive rendition (AVIF, WebP, JPEG by width) for srcset; absent in older exports. */
  sources?: PortalImageFile[]
  /** The Open Graph crop (1200 × 630 around the focal point) for link previews; absent in older exports. */
  share?: PortalImageFile | null
  /**
   * Crops a social network fetches from the portal by address (Instagram and Threads take the image from a
   * public URL: the 4:5 one), published with the page; absent in older exports.
   */
  fetchedCrops?: PortalImageFile[]
  /** A blurred 24-pixel stand-in as a data: URI, shown while the image loads on a slow connection. */
  placeholder?: string | null
}

/** A downloadable document of a bulletin (requirements, full texts). */
export interface PortalAttachment {
  /** File name inside the media directory; the portal serves it at /media/<filename>. */
  filename: string
  /** What the document is (the media item's description). */
  title: string
  bytes: number
  mimeType: string
}

export interface PortalDepartment {
  name: string
  slug: string
}

/** A dated public note added to a published bulletin (the workflow's "correct"). */
export interface PortalCorrection {
  /** ISO 8601 instant. */
  at: string
  note: string
}

/** What stays public of a withdrawn bulletin: its address, title and the notice, never its content. */
export interface PortalWithdrawal {
  slug: string
  title: string
  publishedAt: string
  withdrawnAt: string
  /** The office's public notice; the internal reason for withdrawing never leaves the CMS. Empty for none. */
  notice: string
  /**
   * Whether feeds still carry it, with «Retirado» (for WITHDRAWN_IN_FEEDS_DAYS after `withdrawnAt`): worked out
   * by the exporter at its clock, like a program's state, so the same content gives the same files. Absent in
   * older exports (then in no feed).
   */
  isInFeeds?: boolean
  /** Its department, for that department's feed; absent in older exports. */
  department?: PortalDepartment | null
}

/**
 * An emergency alert every page shows at its top, from the bulletin's publication until its end: a bulletin
 * published with the emergency verb, or one classified «emergencia». Only alerts active when the content was
 * exported are here (see portalClock.ts); the worker rebuilds when one ends.
 */
export interface PortalAlert {
  /** The bulletin's id: a reader's browser remembers per alert that it saw or closed it. */
  id: string
  title: string
  summary: string
  /** Site-relative address of the bulletin, e.g. /boletines/<slug>/. */
  link: string
  /** ISO 8601 instants: its publication, and when it stops showing. */
  startsAt: string
  endsAt: string
}

/**
 * A published bulletin or program suspended during a veda electoral (campaigns and promotion of achievements,
 * without an allowed exception): only its address stays, with the law's neutral note and nothing of the item
 * (no title, image or name). It is back, as it was, in the first export after the period ends.
 */
export interface PortalSuspension {
  kind: 'bulletin' | 'program'
  /** The item's id: the publication metrics know a page that comes back from one that is new. */
  id: string
  slug: string
  /** The public note in the page's place, as the exporter words it (the law's text, from core). */
  notice: string
}

/** A topic editors tag bulletins with; the slug comes from the exporter (core's slugify). */
export interface PortalTopic {
  name: string
  slug: string
}

export type PortalBulletinKind = 'boletin' | 'comunicado' | 'aviso' | 'posicionamiento'

export interface PortalBulletin {
  id: string
  slug: string
  title: string
  summary: string
  /** HTML produced by the CMS from its rich-text body (already sanitized by the exporter). */
  bodyHtml: string
  /** ISO 8601 instant. */
  publishedAt: string
  department: PortalDepartment | null
  /** boletin, comunicado, aviso or posicionamiento; absent in older exports (then a boletín). */
  kind?: PortalBulletinKind
  hero: PortalImage | null
  /** Oldest first; absent in content exported before corrections existed. */
  corrections?: PortalCorrection[]
  /** Photos after the body; absent in older exports. */
  gallery?: PortalImage[]
  /** Documents to download; absent in older exports. */
  attachments?: PortalAttachment[]
  /** Who answers the press about it (name and position). */
  spokesperson?: string | null
  /** Where the event took place; absent in older exports. */
  place?: string | null
  /** ISO 8601 instant of the event it reports; absent in older exports. */
  eventDate?: string | null
  /** Topics in the editor's order; absent in older exports. */
  topics?: PortalTopic[]
}

export type PortalProgramStatus = 'proximamente' | 'abierta' | 'cierra-pronto' | 'cerrada'

/** A program or call citizens can apply to (programa / convocatoria). */
export interface PortalProgram {
  id: string
  slug: string
  title: string
  summary: string
  issuingLevel: 'federal' | 'estatal' | 'municipal'
  /** The agency that offers it, in its own words. */
  agency: string | null
  eligibility: string | null
  requirements: string[]
  documents: string[]
  howToApply: string | null
  contact: string | null
  /** ISO 8601 instants; a call without dates is open until the office closes it. */
  opensAt: string | null
  closesAt: string | null
  /** Its state when the content was exported; the worker re-exports when a date passes. */
  status: PortalProgramStatus
  attachments: PortalAttachment[]
  publishedAt: string
  /** Oldest first; absent in content exported before programs had corrections. */
  corrections?: PortalCorrection[]
}

export interface PortalSite {
  /** e.g. "H. Ayuntamiento de San Pedro Tlalcuapan" */
  name: string
  /** Absolute public URL of the portal, no trailing slash, e.g. "http://localhost:4321". */
  url: string
  /** IANA time zone for displayed dates, e.g. "America/Mexico_City". */
  timeZone: string
  description: string
  /** The municipality's privacy notice (aviso de privacidad); absent in older exports. */
  privacyNoticeUrl?: string | null
  /** How citizens reach the office, shown in the footer and the accessibility statement. */
  contact?: { email: string | null; phone: string | null; address: string | null }
  /** Where the subscription form posts (the CMS's public endpoint) and the departments it offers; absent in older exports. */
  subscriptions?: PortalSubscriptions | null
  /** Where the petition form posts and where a folio is looked up (the CMS's public endpoints); absent in older exports. */
  petitions?: { action: string; lookup: string } | null
}

/** The portal's subscription form: the portal stays static, the form posts to the CMS. */
export interface PortalSubscriptions {
  /** Absolute URL of `POST /api/subscribers/subscribe`. */
  action: string
  /** Every department, by name, with the id the form sends. */
  departments: Array<{ id: number; name: string }>
}

export interface PortalContent {
  generatedAt: string
  site: PortalSite
  /** Newest first (the loader orders them so if the file does not). */
  bulletins: PortalBulletin[]
  /** Withdrawn bulletins keep a notice at their address; absent in older exports. */
  withdrawn?: PortalWithdrawal[]
  /** Published programs, newest first; absent in older exports. */
  programs?: PortalProgram[]
  /** Pages suspended by a veda electoral: in no list, feed or search, a neutral note at their address; absent in older exports. */
  suspended?: PortalSuspension[]
  /** Emergency alerts active at the export, newest first; absent in older exports. */
  alerts?: PortalAlert[]
}

export { itemText, portalContentText } from './portalText'
