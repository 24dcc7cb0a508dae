import JSZip from 'jszip'
import { LIMITS } from '../../schema/limits.ts'

/**
 * Checks an uploaded Word file before mammoth reads it: size, that it is a zip at all, what the zip
 * says about itself (entry count, declared sizes, encryption, macros) and then what it really holds,
 * by inflating every entry as a stream and counting, so a zip whose headers lie about its sizes is
 * refused after a bounded amount of work instead of filling the server's memory inside mammoth.
 */

export const ZIP_LIMITS = {
  /** A real agreement has 10–40 parts; a few hundred leaves room for embedded images. */
  maxEntries: 500,
  /** Total of all parts once inflated. */
  maxUncompressedBytes: 64 * 1024 * 1024,
  /** The text of the agreement (word/document.xml) once inflated; mammoth holds it as a DOM. */
  maxDocumentXmlBytes: 24 * 1024 * 1024,
} as const

export type RefusalCode = 'too_large' | 'empty_file' | 'not_docx' | 'legacy_doc' | 'broken_zip' | 'encrypted' | 'macro_enabled' | 'zip_bomb' | 'busy' | 'too_complex'

/** A file refused whole, with the reason in both languages of the product. */
export class ImportRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: RefusalCode,
    readonly messages: { sv: string; en: string },
  ) {
    super(messages.en)
  }
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024)

export const refusals = {
  tooLarge: () =>
    new ImportRefusal(413, 'too_large', {
      sv: `Filen är för stor. Word-filer på högst ${mb(LIMITS.importMaxBytes)} MB kan importeras.`,
      en: `The file is too large. Word files of at most ${mb(LIMITS.importMaxBytes)} MB can be imported.`,
    }),
  empty: () => new ImportRefusal(400, 'empty_file', { sv: 'Filen är tom.', en: 'The file is empty.' }),
  notDocx: () =>
    new ImportRefusal(415, 'not_docx', {
      sv: 'Filen är inte ett Word-dokument (.docx). Spara den som .docx i Word eller LibreOffice och försök igen.',
      en: 'The file is not a Word document (.docx). Save it as .docx in Word or LibreOffice and try again.',
    }),
  legacyDoc: () =>
    new ImportRefusal(415, 'legacy_doc', {
      sv: 'Filen är ett äldre Word-dokument (.doc). Spara den som .docx och försök igen.',
      en: 'The file is an old Word document (.doc). Save it as .docx and try again.',
    }),
  broken: () =>
    new ImportRefusal(422, 'broken_zip', {
      sv: 'Word-filen är skadad och kan inte läsas. Öppna den i Word eller LibreOffice, spara den igen och försök på nytt.',
      en: 'The Word file is damaged and cannot be read. Open it in Word or LibreOffice, save it again and retry.',
    }),
  encrypted: () =>
    new ImportRefusal(422, 'encrypted', {
      sv: 'Word-filen är lösenordsskyddad (krypterad). Ta bort lösenordet i Word och försök igen.',
      en: 'The Word file is password-protected (encrypted). Remove the password in Word and try again.',
    }),
  macros: () =>
    new ImportRefusal(415, 'macro_enabled', {
      sv: 'Word-filen innehåller makron (.docm). Av säkerhetsskäl tas sådana filer inte emot; spara den som vanlig .docx utan makron.',
      en: 'The Word file contains macros (.docm). For safety such files are refused; save it as a plain .docx without macros.',
    }),
  busy: () =>
    new ImportRefusal(503, 'busy', {
      sv: 'Servern läser redan andra Word-filer. Försök igen om en liten stund.',
      en: 'The server is already reading other Word files. Try again in a moment.',
    }),
  tooComplex: () =>
    new ImportRefusal(422, 'too_complex', {
      sv: 'Word-filen är för omfattande för att läsas in. Dela upp den eller ta bort bilagor och försök igen.',
      en: 'The Word file is too extensive to read. Split it or remove annexes and try again.',
    }),
  bomb: (what: string) =>
    new ImportRefusal(422, 'zip_bomb', {
      sv: `Word-filen packas upp till orimligt mycket data (${what}) och tas inte emot.`,
      en: `The Word file unpacks to an unreasonable amount of data (${what}) and is refused.`,
    }),
}

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04])
const ENCRYPTION_INFO = Buffer.from('EncryptionInfo', 'utf16le')
const MACRO_CONTENT_TYPE = 'macroenabled'

/** Resolves when the bytes are a plain .docx mammoth may read; throws ImportRefusal otherwise. */
export async function checkDocx(bytes: Buffer): Promise<void> {
  if (bytes.length === 0) throw refusals.empty()
  if (bytes.length > LIMITS.importMaxBytes) throw refusals.tooLarge()
  // A password-protected .docx is not a zip: Office wraps the encrypted package in a compound file.
  if (bytes.subarray(0, 8).equals(CFB_MAGIC)) throw bytes.includes(ENCRYPTION_INFO) ? refusals.encrypted() : refusals.legacyDoc()
  if (!bytes.subarray(0, 4).equals(ZIP_MAGIC)) throw refusals.notDocx()

  const declared = declaredEntryCount(bytes)
  if (declared !== null && declared > ZIP_LIMITS.maxEntries) throw refusals.bomb(`${declared} parts`)

  let zip: JSZip
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: false, createFolders: false })
  } catch (err) {
    if (err instanceof Error && /encrypted/i.test(err.message)) throw refusals.encrypted()
    throw refusals.broken()
  }
  const entries = Object.values(zip.files).filter((f) => !f.dir)
  if (entries.length > ZIP_LIMITS.maxEntries) throw refusals.bomb(`${entries.length} parts`)

  const names = new Set(entries.map((e) => e.name.toLowerCase()))
  if (!names.has('[content_types].xml') || !names.has('word/document.xml')) throw refusals.notDocx()
  if ([...names].some((n) => n.endsWith('vbaproject.bin') || n.endsWith('vbadata.xml'))) throw refusals.macros()

  let declaredTotal = 0
  for (const entry of entries) declaredTotal += declaredSize(entry)
  if (declaredTotal > ZIP_LIMITS.maxUncompressedBytes) throw refusals.bomb(`${mb(declaredTotal)} MB`)

  // Headers can lie: inflate each part for real, counting, and stop at the first byte over budget.
  let budget = ZIP_LIMITS.maxUncompressedBytes
  for (const entry of entries) {
    const cap = entry.name.toLowerCase() === 'word/document.xml' ? Math.min(budget, ZIP_LIMITS.maxDocumentXmlBytes) : budget
    const size = await inflatedSize(entry, cap)
    budget -= size
  }

  const contentTypes = await zip.file(/^\[Content_Types\]\.xml$/i)[0]!.async('string')
  if (contentTypes.toLowerCase().includes(MACRO_CONTENT_TYPE)) throw refusals.macros()
}

/** The entry count of the end-of-central-directory record, read before any parsing; null if absent. */
function declaredEntryCount(bytes: Buffer): number | null {
  const min = Math.max(0, bytes.length - 22 - 0xffff)
  for (let at = bytes.length - 22; at >= min; at--) {
    if (bytes.readUInt32LE(at) === 0x06054b50) return bytes.readUInt16LE(at + 10)
  }
  return null
}

function declaredSize(entry: JSZip.JSZipObject): number {
  const data = (entry as unknown as { _data?: { uncompressedSize?: number } })._data
  return typeof data?.uncompressedSize === 'number' ? data.uncompressedSize : 0
}

/** Inflates one entry as a stream, keeping nothing but a count; refuses once the count passes `cap`. */
function inflatedSize(entry: JSZip.JSZipObject, cap: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let size = 0
    let done = false
    const stream = entry.nodeStream('nodebuffer')
    stream
      .on('data', (chunk: Buffer) => {
        if (done) return
        size += chunk.length
        if (size > cap) {
          done = true
          stream.pause()
          reject(refusals.bomb(`${entry.name} > ${mb(cap)} MB`))
        }
      })
      .on('error', () => {
        if (done) return
        done = true
        reject(refusals.broken())
      })
      .on('end', () => {
        if (done) return
        done = true
        resolve(size)
      })
  })
}
