// Package postlint checks social-media drafts against an organisation's
// social media policy before they are published.
//
// A Linter is built once from a rule pack — the embedded default pack, which
// encodes the Torbay and South Devon NHS Foundation Trust Social Media
// Engagement Policy, plus any directories of an organisation's own rules —
// and then checks posts: Lint for one, LintAll for a stream. Each Result
// holds findings with a severity, a confidence, the exact span and the policy
// clause breached, a risk score from 0 to 100 and a verdict (ok, review or
// block).
//
// Findings of identifying categories (NHS numbers, phone numbers, patient
// identifiers) carry the matched text in Match; callers that log or publish
// findings should mask it (see the postlint command's --show-matches).
package postlint
