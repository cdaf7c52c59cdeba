// Package samples embeds the sample study: synthetic interviews with four
// fictional SMEs, their case attributes and a starter coding, loaded by
// `tessera demo`.
package samples

import "embed"

// FS holds the sample study: one folder per case, cases.csv, metadata.csv,
// informants.csv, coding.json, rounds.json and models.json.
//
//go:embed README.md *.csv *.json */*
var FS embed.FS
