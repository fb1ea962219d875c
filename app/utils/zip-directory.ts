// Reading a ZIP archive's central directory (an XLSX file is a ZIP), so an
// upload can be checked before anything unpacks it.

export interface ZipEntry {
  name: string
  /** the unpacked size the directory claims (0xFFFFFFFF for ZIP64) */
  unpacked: number
}

/** The entries of a ZIP archive's central directory, or null when it is not a readable ZIP or has none or more than maxEntries. */
export function zipDirectory(bytes: Uint8Array, maxEntries: number): ZipEntry[] | null {
  if (bytes.length < 22) return null
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // The end of central directory record: within the last 64 KiB + 22 bytes.
  let end = -1
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i
      break
    }
  }
  if (end < 0) return null
  const count = view.getUint16(end + 10, true)
  let offset = view.getUint32(end + 16, true)
  if (count === 0 || count > maxEntries) return null
  const entries: ZipEntry[] = []
  const decoder = new TextDecoder()
  for (let n = 0; n < count; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return null
    const nameLength = view.getUint16(offset + 28, true)
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength))
    entries.push({ name, unpacked: view.getUint32(offset + 24, true) })
    offset += 46 + nameLength + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true)
  }
  return entries
}
