package integ

import (
	"context"
	"errors"
	"fmt"
)

// Cleanup undoes what a run did, last first, every step even when an earlier one failed (a
// failed check must still stop the channel and destroy the stacks).
type Cleanup struct {
	steps []step
}

type step struct {
	name string
	undo func(context.Context) error
}

// Add registers undo, to run before every step added earlier.
func (c *Cleanup) Add(name string, undo func(context.Context) error) {
	c.steps = append(c.steps, step{name, undo})
}

// Steps are the names of the registered steps in the order Run takes them.
func (c *Cleanup) Steps() []string {
	out := make([]string, 0, len(c.steps))
	for i := len(c.steps) - 1; i >= 0; i-- {
		out = append(out, c.steps[i].name)
	}
	return out
}

// Run takes every step, last added first, and returns their errors joined, each named.
func (c *Cleanup) Run(ctx context.Context) error {
	var errs []error
	for i := len(c.steps) - 1; i >= 0; i-- {
		s := c.steps[i]
		if err := s.undo(ctx); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", s.name, err))
		}
	}
	c.steps = nil
	return errors.Join(errs...)
}
