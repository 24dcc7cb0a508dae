import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'

/**
 * The browser tests drive Debian's Chromium through playwright-core (npm browser downloads do not
 * work on these machines). Installs it when missing and we may; otherwise says what to do.
 */
const CHROMIUM = '/usr/bin/chromium'

if (!existsSync(CHROMIUM)) {
  if (process.getuid?.() === 0) {
    console.log(`${CHROMIUM} is missing; installing Debian's chromium package…`)
    execSync('apt-get update && apt-get install -y chromium', { stdio: 'inherit' })
    if (!existsSync(CHROMIUM)) {
      console.error(`apt-get finished but ${CHROMIUM} still does not exist.`)
      process.exit(1)
    }
  } else {
    console.error(
      `The browser tests need Chromium at ${CHROMIUM}. Install it as root with:\n` +
        '  sudo apt-get update && sudo apt-get install -y chromium\n' +
        'then run the tests again.',
    )
    process.exit(1)
  }
}
