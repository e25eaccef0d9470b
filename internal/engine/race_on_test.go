//go:build race

package engine

// raceEnabled: the race detector slows linting several times over, so the
// tests that lint every post of the labelled sets twice check a sample.
const raceEnabled = true
