import { describe, expect, it } from 'vitest'
import { formatBytes } from '../../../site/src/lib/formatBytes'

describe('file sizes next to download links', () => {
  it('reads as people say them, in kilobytes below a megabyte and megabytes above', () => {
    expect(formatBytes(200)).toBe('1 KB')
    expect(formatBytes(839_680)).toBe('820 KB')
    expect(formatBytes(2_516_582)).toBe('2.4 MB')
    expect(formatBytes(25 * 1024 * 1024)).toBe('25 MB')
  })
})
