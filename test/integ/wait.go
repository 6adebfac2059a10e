package integ

import (
	"context"
	"fmt"
	"time"
)

// Probe looks once: done when what is awaited has happened, status saying what it saw.
type Probe func(ctx context.Context) (done bool, status string, err error)

// Poll calls probe every interval until it is done, fails, or timeout passes (or ctx ends); the
// error names what was awaited and the last status seen.
func Poll(ctx context.Context, what string, interval, timeout time.Duration, probe Probe) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	last := "nothing yet"
	for {
		done, status, err := probe(ctx)
		if status != "" {
			last = status
		}
		switch {
		case err != nil:
			return fmt.Errorf("waiting for %s: %w", what, err)
		case done:
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for %s: gave up after %s (last seen: %s)", what, timeout, last)
		case <-time.After(interval):
		}
	}
}
