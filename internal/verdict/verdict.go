// Package verdict turns a post's findings into a risk score from 0 to 100 and
// a verdict: ok, review or block.
package verdict

import (
	"math"

	"github.com/postlint/postlint/internal/finding"
)

// weight is how much one certain finding of a severity adds to the risk.
func weight(s finding.Severity) float64 {
	switch s {
	case finding.Error:
		return 0.8
	case finding.Warning:
		return 0.4
	case finding.Info:
		return 0.1
	}
	return 0
}

// Score combines findings as independent risks: 100·(1 − Π(1 − wᵢ·cᵢ)),
// where w is the severity's weight and c the finding's confidence.
// Suppressed findings do not count.
func Score(fs []finding.Finding) int {
	keep := 1.0
	for _, f := range fs {
		if f.Suppressed != nil {
			continue
		}
		keep *= 1 - weight(f.Severity)*f.Confidence
	}
	return int(math.Round(100 * (1 - keep)))
}

// Decide returns the verdict: block when an error-level finding is at least
// fairly certain (confidence >= 0.6) or the score reaches 60; review when
// there is any other unsuppressed finding at warning level or above, or the
// score reaches 25; ok otherwise.
func Decide(fs []finding.Finding, score int) finding.Verdict {
	review := false
	for _, f := range fs {
		if f.Suppressed != nil {
			continue
		}
		if f.Severity == finding.Error && f.Confidence >= 0.6 {
			return finding.Block
		}
		if f.Severity >= finding.Warning {
			review = true
		}
	}
	switch {
	case score >= 60:
		return finding.Block
	case review || score >= 25:
		return finding.Review
	}
	return finding.OK
}
