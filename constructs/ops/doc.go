// Package ops holds what operating a stack needs that no one construct family owns: the
// encrypted notification topic alarms publish to, alarms wired to it, and dashboards assembled
// from the widgets each construct family exposes for its own resources.
package ops
