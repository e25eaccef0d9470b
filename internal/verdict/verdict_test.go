package verdict

import (
	"testing"

	"github.com/postlint/postlint/internal/finding"
)

func TestScoreAndDecide(t *testing.T) {
	f := func(s finding.Severity, c float64) finding.Finding {
		return finding.Finding{Severity: s, Confidence: c}
	}
	tests := []struct {
		name    string
		in      []finding.Finding
		score   int
		verdict finding.Verdict
	}{
		{"nothing", nil, 0, finding.OK},
		{"one info", []finding.Finding{f(finding.Info, 0.9)}, 9, finding.OK},
		{"certain error", []finding.Finding{f(finding.Error, 0.95)}, 76, finding.Block},
		{"doubtful error", []finding.Finding{f(finding.Error, 0.55)}, 44, finding.Review},
		{"warning", []finding.Finding{f(finding.Warning, 0.8)}, 32, finding.Review},
		{"two warnings", []finding.Finding{f(finding.Warning, 0.9), f(finding.Warning, 0.9)}, 59, finding.Review},
		{"three warnings", []finding.Finding{f(finding.Warning, 0.9), f(finding.Warning, 0.9), f(finding.Warning, 0.9)}, 74, finding.Block},
		{"suppressed", []finding.Finding{{Severity: finding.Error, Confidence: 1, Suppressed: &finding.Suppression{Kind: "inline"}}}, 0, finding.OK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Score(tt.in)
			if s != tt.score {
				t.Errorf("Score = %d, want %d", s, tt.score)
			}
			if v := Decide(tt.in, s); v != tt.verdict {
				t.Errorf("Decide = %s, want %s", v, tt.verdict)
			}
		})
	}
}
