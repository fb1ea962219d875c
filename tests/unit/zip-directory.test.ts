import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { zipDirectory } from '~/utils/zip-directory.ts'

describe("a ZIP archive's central directory", () => {
  it('lists the entries with the unpacked sizes it claims', async () => {
    const zip = new JSZip()
    zip.file('xl/workbook.xml', '<workbook/>')
    zip.file('a.txt', 'x'.repeat(1000))
    const bytes = new Uint8Array(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }))
    expect(zipDirectory(bytes, 10)).toEqual([
      { name: 'xl/', unpacked: 0 },
      { name: 'xl/workbook.xml', unpacked: 11 },
      { name: 'a.txt', unpacked: 1000 },
    ])
  })

  it('is null for more entries than allowed, and for what is not a ZIP', async () => {
    const zip = new JSZip()
    for (let n = 0; n < 3; n++) zip.file(`f${n}.txt`, 'x')
    const bytes = new Uint8Array(await zip.generateAsync({ type: 'uint8array' }))
    expect(zipDirectory(bytes, 3)).toHaveLength(3)
    expect(zipDirectory(bytes, 2)).toBeNull()
    expect(zipDirectory(new TextEncoder().encode('name,ward\n'.repeat(10)), 10)).toBeNull()
    expect(zipDirectory(bytes.subarray(0, bytes.length - 30), 10)).toBeNull()
  })
})
