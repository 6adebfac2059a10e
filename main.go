// Command streamcdk is the CDK app: it reads the configuration from CDK context and synthesizes
// the StreamCDK stacks. Run it through `cdk synth` (see README.md).
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/streamcdk/streamcdk/internal/config"
	"github.com/streamcdk/streamcdk/internal/review"
	"github.com/streamcdk/streamcdk/internal/validation"
)

func main() {
	if err := run(); err != nil {
		jsii.Close()
		fmt.Fprintln(os.Stderr, "streamcdk:", err)
		os.Exit(1)
	}
	jsii.Close()
}

func run() error {
	// A bad setting is found before the CDK starts (Node and the CDK library take seconds).
	ctx := cliContext()
	if cfg, err := config.Load(func(k string) any { return ctx[k] }, givenKeys(ctx)); err != nil {
		return err
	} else if err := cfg.Check(); err != nil {
		return err
	}
	app, plugin := newApp()
	built, err := config.Build(app, givenKeys(ctx))
	if err != nil {
		return err
	}
	// The templates this synth replaces (cdk synth keeps its output folder): the reviews say
	// what changed since.
	previous := map[string]map[string]any{}
	if dir := os.Getenv("CDK_OUTDIR"); dir != "" {
		previous = review.Templates(built, dir)
	}
	asm := app.Synth(nil)
	if plugin != nil {
		plugin.Save()
	}
	warnings, err := review.Write(built, *asm.Directory(), previous)
	for _, w := range warnings {
		fmt.Fprintln(os.Stderr, "streamcdk:", w)
	}
	return err
}

// newApp is the CDK app. The CDK's CloudFormation validation (on unless CDK_VALIDATION=false)
// runs on the templates that changed since they last passed in this output folder: an
// unchanged template is not validated again (internal/validation).
// The plugin (nil without validation) records what passed once the synth is done.
func newApp() (awscdk.App, *validation.Plugin) {
	dir := os.Getenv("CDK_OUTDIR")
	if dir == "" || os.Getenv("CDK_VALIDATION") == "false" {
		return awscdk.NewApp(nil), nil
	}
	app := awscdk.NewApp(&awscdk.AppProps{BuiltinCloudFormationValidation: jsii.Bool(false)})
	plugin := validation.New(dir)
	awscdk.Validations_Of(app).AddPlugins(plugin)
	return app, plugin
}

// cliContext is the context the CDK CLI passes the app (cdk.json's and the -c values).
func cliContext() map[string]any {
	var ctx map[string]any
	if err := json.Unmarshal([]byte(os.Getenv("CDK_CONTEXT_JSON")), &ctx); err != nil {
		return nil
	}
	return ctx
}

// givenKeys lists the context keys the CDK CLI passed in, so that typos can be reported.
func givenKeys(ctx map[string]any) []string {
	keys := make([]string, 0, len(ctx))
	for k := range ctx {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
