// Package post defines a draft social-media post as postlint reads it.
package post

// A Post is one draft. Only Text is required.
type Post struct {
	ID          string     `json:"id,omitempty" yaml:"id,omitempty"`
	Channel     string     `json:"channel,omitempty" yaml:"channel,omitempty"`
	Account     string     `json:"account,omitempty" yaml:"account,omitempty"`
	Text        string     `json:"text" yaml:"text"`
	ReplyTo     *Reply     `json:"reply_to,omitempty" yaml:"reply_to,omitempty"`
	Media       []Media    `json:"media,omitempty" yaml:"media,omitempty"`
	ScheduledAt string     `json:"scheduled_at,omitempty" yaml:"scheduled_at,omitempty"`
	Directive   *Directive `json:"postlint,omitempty" yaml:"postlint,omitempty"`
}

// A Reply is the comment a draft answers, likes or shares.
type Reply struct {
	Author string `json:"author,omitempty" yaml:"author,omitempty"`
	Text   string `json:"text,omitempty" yaml:"text,omitempty"`
	// Action is "reply" (the default), "like" or "share".
	Action string `json:"action,omitempty" yaml:"action,omitempty"`
}

// EffectiveAction returns the reply's action, "reply" when unset.
func (r *Reply) EffectiveAction() string {
	if r == nil {
		return ""
	}
	if r.Action == "" {
		return "reply"
	}
	return r.Action
}

// Media is one attachment.
type Media struct {
	File    string `json:"file,omitempty" yaml:"file,omitempty"`
	AltText string `json:"alt_text,omitempty" yaml:"alt_text,omitempty"`
	// Consent records a model release form (policy 8.7.1).
	Consent bool `json:"consent,omitempty" yaml:"consent,omitempty"`
}

// A Directive carries per-post instructions to postlint, such as suppressions.
type Directive struct {
	Ignore []string `json:"ignore,omitempty" yaml:"ignore,omitempty"`
	Reason string   `json:"reason,omitempty" yaml:"reason,omitempty"`
}

// Personal reports whether the post is from a personal account. An unset
// account is treated as personal: that is the cautious reading for a draft.
func (p *Post) Personal() bool { return p.Account != "corporate" }

// Source says where a post was read from.
type Source struct {
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
}
