// Package browser plays streams in headless Chromium through the player page as a synthesized
// stack deploys it: the page's keys in its bucket (the BucketDeployment's asset under its key
// prefix), the distribution's behaviours in CloudFront's match order, the CloudFront Functions
// they run and the response headers policies they send. Edge emulates that distribution on a
// loopback port; the media stand where the stack's default behaviour serves renditions.
package browser

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/dop251/goja"
)

// Edge answers requests as the template's distribution would.
type Edge struct {
	behaviors []behavior
	// Default serves what the default behaviour's origin holds (here: the test's media).
	Default http.Handler
}

type behavior struct {
	pattern  *regexp.Regexp // nil: the default behaviour
	function string         // a viewer-request CloudFront Function's code, if any
	headers  map[string]string
	origin   http.Handler // nil: Default
}

// NewEdge reads the (only) distribution of tmpl; assembly is the cloud assembly holding its assets.
func NewEdge(tmpl map[string]any, assembly string) (*Edge, error) {
	res := tmpl["Resources"].(map[string]any)
	var dc map[string]any
	for _, r := range res {
		if r := r.(map[string]any); r["Type"] == "AWS::CloudFront::Distribution" {
			dc = r["Properties"].(map[string]any)["DistributionConfig"].(map[string]any)
		}
	}
	if dc == nil {
		return nil, fmt.Errorf("no distribution in the template")
	}
	buckets, err := deployedBuckets(res, assembly)
	if err != nil {
		return nil, err
	}
	origins := map[string]http.Handler{}
	for _, o := range dc["Origins"].([]any) {
		o := o.(map[string]any)
		if id := getAttTarget(o["DomainName"]); buckets[id] != nil {
			origins[o["Id"].(string)] = buckets[id]
		}
	}
	e := &Edge{}
	bs, _ := dc["CacheBehaviors"].([]any)
	for _, b := range append(bs, dc["DefaultCacheBehavior"]) {
		m := b.(map[string]any)
		eb := behavior{origin: origins[m["TargetOriginId"].(string)], headers: securityHeaders(res, m["ResponseHeadersPolicyId"])}
		if p, ok := m["PathPattern"].(string); ok {
			eb.pattern = regexp.MustCompile("^" + strings.NewReplacer(`\*`, ".*", `\?`, ".").Replace(regexp.QuoteMeta(p)) + "$")
		}
		fa, _ := m["FunctionAssociations"].([]any)
		for _, f := range fa {
			f := f.(map[string]any)
			if f["EventType"] == "viewer-request" {
				fn := res[getAttTarget(f["FunctionARN"])].(map[string]any)
				eb.function = fn["Properties"].(map[string]any)["FunctionCode"].(string)
			}
		}
		e.behaviors = append(e.behaviors, eb)
	}
	return e, nil
}

// ServeHTTP picks the first behaviour whose path pattern matches (CloudFront's order), runs its
// viewer-request function, asks its origin and adds its response headers.
func (e *Edge) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var b behavior
	for _, b = range e.behaviors {
		if b.pattern == nil || b.pattern.MatchString(r.URL.Path) {
			break
		}
	}
	if b.function != "" {
		uri, status, err := ViewerRequest(b.function, r.Method, r.URL.Path)
		if err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable) // CloudFront: a function error is a 503
			return
		}
		if status != 0 {
			http.Error(w, http.StatusText(status), status) // the function answered itself
			return
		}
		r.URL.Path = uri
	}
	for k, v := range b.headers {
		w.Header().Set(k, v)
	}
	origin := b.origin
	if origin == nil {
		origin = e.Default
	}
	origin.ServeHTTP(w, r)
}

// ViewerRequest runs a CloudFront Function's handler on a request (method, uri) and returns the
// uri the origin is asked for, or the status code of the response the function gave instead.
func ViewerRequest(code, method, uri string) (string, int, error) {
	vm := goja.New()
	if _, err := vm.RunString(code); err != nil {
		return "", 0, err
	}
	handler, ok := goja.AssertFunction(vm.Get("handler"))
	if !ok {
		return "", 0, fmt.Errorf("the function defines no handler")
	}
	event := vm.ToValue(map[string]any{"request": map[string]any{"uri": uri, "method": method, "querystring": map[string]any{}, "headers": map[string]any{}}})
	out, err := handler(goja.Undefined(), event)
	if err != nil {
		return "", 0, err
	}
	o := out.ToObject(vm)
	if st := o.Get("statusCode"); st != nil && !goja.IsUndefined(st) {
		return "", int(st.ToInteger()), nil
	}
	return o.Get("uri").String(), 0, nil
}

// deployedBuckets maps each bucket that a CDK BucketDeployment fills to a handler serving its
// keys as S3 behind Origin Access Control does: the object, or 403 for any other key (a
// folder's key included: S3 has no index documents there).
func deployedBuckets(res map[string]any, assembly string) (map[string]http.Handler, error) {
	out := map[string]http.Handler{}
	for _, r := range res {
		r := r.(map[string]any)
		if r["Type"] != "Custom::CDKBucketDeployment" {
			continue
		}
		p := r["Properties"].(map[string]any)
		bucket := p["DestinationBucketName"].(map[string]any)["Ref"].(string)
		prefix, _ := p["DestinationBucketKeyPrefix"].(string)
		keys := map[string]string{}
		for _, k := range p["SourceObjectKeys"].([]any) {
			name, ok := k.(string)
			if !ok {
				continue // a deploy-time data source (Source.data): written by the function, not in the assembly
			}
			dir := filepath.Join(assembly, "asset."+strings.TrimSuffix(name, ".zip"))
			err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					rel, _ := filepath.Rel(dir, path)
					keys[prefix+filepath.ToSlash(rel)] = path
				}
				return err
			})
			if err != nil {
				return nil, fmt.Errorf("the deployment's asset %s: %w", name, err)
			}
		}
		out[bucket] = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			path, ok := keys[strings.TrimPrefix(r.URL.Path, "/")]
			if !ok {
				http.Error(w, "AccessDenied", http.StatusForbidden)
				return
			}
			f, err := os.Open(path)
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			defer f.Close()
			// ServeContent, not ServeFile, which would redirect .../index.html to the folder.
			w.Header().Set("Content-Type", mime.TypeByExtension(filepath.Ext(path)))
			http.ServeContent(w, r, path, time.Time{}, f)
		})
	}
	return out, nil
}

// securityHeaders are the headers a response headers policy (by Ref) sets: its security headers.
func securityHeaders(res map[string]any, ref any) map[string]string {
	out := map[string]string{}
	m, ok := ref.(map[string]any)
	if !ok {
		return out // none, or a managed policy by id
	}
	pol, ok := res[m["Ref"].(string)].(map[string]any)
	if !ok {
		return out
	}
	cfg := pol["Properties"].(map[string]any)["ResponseHeadersPolicyConfig"].(map[string]any)
	sh, _ := cfg["SecurityHeadersConfig"].(map[string]any)
	get := func(section, field string) string {
		s, _ := sh[section].(map[string]any)
		v, _ := s[field].(string)
		return v
	}
	for header, v := range map[string]string{
		"Content-Security-Policy": get("ContentSecurityPolicy", "ContentSecurityPolicy"),
		"X-Frame-Options":         get("FrameOptions", "FrameOption"),
		"Referrer-Policy":         get("ReferrerPolicy", "ReferrerPolicy"),
	} {
		if v != "" {
			out[header] = v
		}
	}
	if _, ok := sh["ContentTypeOptions"]; ok {
		out["X-Content-Type-Options"] = "nosniff"
	}
	return out
}

// getAttTarget is the logical id X of {"Fn::GetAtt": [X, ...]}.
func getAttTarget(v any) string {
	b, _ := json.Marshal(v)
	var g struct {
		GetAtt []string `json:"Fn::GetAtt"`
	}
	json.Unmarshal(b, &g)
	if len(g.GetAtt) == 0 {
		return ""
	}
	return g.GetAtt[0]
}
