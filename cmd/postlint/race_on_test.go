//go:build race

package main

// raceEnabled: the race detector slows everything several times over, so
// the largest inputs are made smaller.
const raceEnabled = true
