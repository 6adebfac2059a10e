package config

import (
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/stacks"
)

// Build reads the configuration from app's context and adds the stacks to app. given lists the
// context keys that were set (for typo detection). A bad setting, whether this package or a
// construct finds it, is returned as one line in the words of the context keys.
func Build(app awscdk.App, given []string) (built *stacks.App, err error) {
	cfg, err := Load(func(k string) any { return app.Node().TryGetContext(jsii.String(k)) }, given)
	if err != nil {
		return nil, err
	}
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	// Constructs reject bad props by panicking with a *validate.Error (the few checks that
	// need the created resources).
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(error)
			if !ok {
				e = fmt.Errorf("%v", r)
			}
			built, err = nil, firstLine(cfg.Explain(e))
		}
	}()
	return stacks.Build(app, cfg.Props), nil
}

// Check runs every check the stacks and constructs can make before creating anything
// (stacks.AppProps.Validate) and tells a failure in the words of the context keys.
func (cfg *Config) Check() error {
	if err := cfg.Props.Validate(); err != nil {
		return firstLine(cfg.Explain(err))
	}
	return nil
}

// firstLine keeps an error to one line (errors from inside CDK can carry a JavaScript stack).
func firstLine(err error) error {
	if s, _, cut := strings.Cut(err.Error(), "\n"); cut {
		return errors.New(s)
	}
	return err
}
