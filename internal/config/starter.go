package config

// Starter is the commented configuration "postlint init" writes. Every
// setting is shown with its default or an empty value, so that the file
// means the same as no file until it is edited.
const Starter = `# postlint configuration.
#
# postlint check finds this file in the working directory or a parent
# directory, up to the repository root, or reads the one --config names.
# Command-line flags override what is set here. Unknown keys are errors.
# Rule and category ids: "postlint rules" lists them.

# Exit with status 1 when a finding is at or above this severity:
# error, warning, info or never.
fail_on: error

# Directories of the organisation's own rules, relative to this file. A rule
# with the id of a default rule replaces it.
rules: []
#  - policy/rules

# Rules or whole categories to turn off.
disable: []
#  - media-contact

# Severity by rule or category id: error, warning or info.
severity: {}
#  official-capacity-logo: info
#  postlint-suppression: error    # fail on suppressions without a reason

# Allow-lists by category or rule id, added to the rules' own. An entry is
# compared with the match ignoring case, spaces and punctuation (+44 reads as
# 0; a leading Mr/Mrs/Ms/Miss/Mx/Dr is ignored for names); "@example.org"
# allows email addresses at that domain and its subdomains; "*text" allows
# matches ending in text.
allow:
  # The organisation's published phone numbers.
  phone-number: []
  #  - 01803 217398
  # The organisation's email domains.
  insecure-messaging: []
  #  - "@nhs.net"
  # People who gave written consent to be named (keep the form on file).
  patient-identifier: []
  #  - Doris Ellis

# Values for posts that leave them out. A post without an account is read
# as from a personal account, the cautious reading.
defaults:
  account: personal     # personal or corporate
  channel: ""           # e.g. twitter, facebook, instagram

# Findings recorded by "postlint check --write-baseline FILE" are not
# reported again. Relative to this file.
# baseline: .postlint-baseline.json
`
