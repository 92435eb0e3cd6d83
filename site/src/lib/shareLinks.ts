/**
 * Links that share a portal page on the networks where Mexicans read news, written out: no network script, no
 * tracking, nothing loaded until a citizen taps one. WhatsApp opens with the title and the address ready to send.
 */
export interface ShareLink {
  network: string
  href: string
}

export function shareLinks(title: string, url: string): ShareLink[] {
  return [
    { network: 'WhatsApp', href: `https://wa.me/?text=${encodeURIComponent(`${title}\n${url}`)}` },
    { network: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}` },
  ]
}
