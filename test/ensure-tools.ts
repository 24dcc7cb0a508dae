import { execSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'

/**
 * The tests drive real engines from Debian's packages (npm browser downloads do not work on these
 * machines): Chromium through playwright-core, LibreOffice and pandoc for real .docx files, poppler for
 * PDF text and pages, PostgreSQL and Redis for the multi-instance engines. Installs whatever is missing
 * in one apt-get run when we are root; otherwise says what to do.
 */
function postgresInstalled(): boolean {
  const root = '/usr/lib/postgresql'
  return existsSync(root) && readdirSync(root).some((v) => existsSync(`${root}/${v}/bin/postgres`))
}

const tools: { pkg: string; present: () => boolean }[] = [
  { pkg: 'chromium', present: () => existsSync('/usr/bin/chromium') },
  { pkg: 'libreoffice-writer-nogui', present: () => existsSync('/usr/bin/soffice') },
  { pkg: 'pandoc', present: () => existsSync('/usr/bin/pandoc') },
  { pkg: 'poppler-utils', present: () => existsSync('/usr/bin/pdftotext') && existsSync('/usr/bin/pdftoppm') },
  { pkg: 'postgresql', present: postgresInstalled },
  { pkg: 'redis-server', present: () => existsSync('/usr/bin/redis-server') },
]

const missing = tools.filter((t) => !t.present()).map((t) => t.pkg)
if (missing.length > 0) {
  const command = `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing.join(' ')}`
  if (process.getuid?.() === 0) {
    console.log(`Missing test engines: ${missing.join(', ')}; installing Debian's packages…`)
    execSync(command, { stdio: 'inherit' })
    const still = tools.filter((t) => !t.present()).map((t) => t.pkg)
    if (still.length > 0) {
      console.error(`apt-get finished but these are still missing: ${still.join(', ')}.`)
      process.exit(1)
    }
  } else {
    console.error(`The tests need Debian's ${missing.join(', ')}. Install them as root with:\n  sudo ${command}\nthen run the tests again.`)
    process.exit(1)
  }
}
