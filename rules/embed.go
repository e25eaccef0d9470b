// Package rules holds postlint's default rule pack: the Torbay and South
// Devon NHS Foundation Trust Social Media Engagement Policy (v3, Nov 2020)
// as YAML rules, its clauses and its word lists.
package rules

import (
	"embed"
	"io/fs"
)

//go:embed *.yaml lists models
var pack embed.FS

// FS returns the default rule pack.
func FS() fs.FS { return pack }
