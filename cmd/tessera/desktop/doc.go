// Package desktop holds what a start by double-click needs: the per-user
// data directory of each operating system, a loopback address to listen
// on, the default browser, and the single running instance per data
// directory.
package desktop
