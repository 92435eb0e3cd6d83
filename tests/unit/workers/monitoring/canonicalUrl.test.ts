import { describe, expect, it } from 'vitest'
import { canonicalUrl } from '@pregon/workers/monitoring/canonicalUrl'

describe('canonicalUrl', () => {
  it('drops the campaign and click parameters outlets append, and sorts the rest', () => {
    expect(
      canonicalUrl('https://www.elvigia.com.mx/2026/12/02/pozo-el-huitussi/?utm_source=rss&utm_medium=rss&utm_campaign=pozo&fbclid=IwAR3x&gclid=abc&mc_cid=1&mc_eid=2&ocid=msn&cmpid=x&_ga=2.1'),
    ).toBe('https://www.elvigia.com.mx/2026/12/02/pozo-el-huitussi')
    expect(canonicalUrl('https://noticiasdelvalle.mx/nota.php?seccion=local&id=7770&UTM_Source=fb')).toBe('https://noticiasdelvalle.mx/nota.php?id=7770&seccion=local')
  })

  it('keeps repeated parameters in their order and valueless ones as written', () => {
    expect(canonicalUrl('https://a.mx/buscar?tag=agua&q=pozo&tag=guasave')).toBe('https://a.mx/buscar?q=pozo&tag=agua&tag=guasave')
    expect(canonicalUrl('https://a.mx/nota/123/?amp')).toBe('https://a.mx/nota/123?amp')
  })

  it('upgrades http to https, lower-cases the host but keeps www, and drops default ports and the fragment', () => {
    expect(canonicalUrl('http://WWW.RioSinaloaNoticias.com.mx:80/noticia.asp?id=15521#comentarios')).toBe('https://www.riosinaloanoticias.com.mx/noticia.asp?id=15521')
    expect(canonicalUrl('https://a.mx:443/x')).toBe('https://a.mx/x')
    expect(canonicalUrl('http://a.mx:443/x')).toBe('https://a.mx/x')
    expect(canonicalUrl('http://a.mx:8080/x')).toBe('https://a.mx:8080/x')
  })

  it('drops the trailing slash except on the root', () => {
    expect(canonicalUrl('https://a.mx/seccion/guasave/')).toBe('https://a.mx/seccion/guasave')
    expect(canonicalUrl('https://a.mx/')).toBe('https://a.mx/')
    expect(canonicalUrl('https://a.mx')).toBe('https://a.mx/')
    expect(canonicalUrl('https://a.mx/?utm_source=x')).toBe('https://a.mx/')
  })

  it('resolves a relative link against the feed, and ignores a broken base for an absolute one', () => {
    expect(canonicalUrl('/municipios/2026/12/convenio-basura', 'https://diariodelevora.mx/municipios.atom')).toBe('https://diariodelevora.mx/municipios/2026/12/convenio-basura')
    expect(canonicalUrl('//cdn.a.mx/nota', 'http://a.mx/feed')).toBe('https://cdn.a.mx/nota')
    expect(canonicalUrl('https://a.mx/nota', 'not a url')).toBe('https://a.mx/nota')
  })

  it('writes accented paths and escapes one way', () => {
    expect(canonicalUrl('https://a.mx/categoría/política')).toBe('https://a.mx/categor%C3%ADa/pol%C3%ADtica')
    expect(canonicalUrl('https://a.mx/categor%c3%ada/pol%C3%ADtica')).toBe('https://a.mx/categor%C3%ADa/pol%C3%ADtica')
  })

  it('drops credentials', () => {
    expect(canonicalUrl('https://editor:secreto@a.mx/nota')).toBe('https://a.mx/nota')
  })

  it('returns null for what is not an http(s) address', () => {
    expect(canonicalUrl('')).toBeNull()
    expect(canonicalUrl('   ')).toBeNull()
    expect(canonicalUrl('no es una dirección')).toBeNull()
    expect(canonicalUrl('nota-123')).toBeNull()
    expect(canonicalUrl('mailto:prensa@guasave.gob.mx')).toBeNull()
    expect(canonicalUrl('javascript:alert(1)', 'https://a.mx/')).toBeNull()
    expect(canonicalUrl('ftp://a.mx/archivo')).toBeNull()
    expect(canonicalUrl('https://exa mple.mx/')).toBeNull()
  })
})
