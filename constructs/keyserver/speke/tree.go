package speke

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
)

// node is an element of a CPIX document, kept whole so that what the key server does not fill in
// (usage rules, key periods) goes back exactly as it came ("must be echoed back unchanged").
type node struct {
	name     xml.Name // Space is the namespace URI
	attrs    []xml.Attr
	children []*node
	text     string
}

// Namespaces of CPIX documents, with the prefixes written back.
const (
	nsCPIX = "urn:dashif:org:cpix"
	nsPSKC = "urn:ietf:params:xml:ns:keyprov:pskc"
)

func parse(r io.Reader) (*node, error) {
	dec := xml.NewDecoder(r)
	var stack []*node
	var root *node
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return root, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &node{name: t.Name, attrs: append([]xml.Attr(nil), t.Attr...)}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(t)
			}
		}
	}
}

func (n *node) attr(local string) (string, bool) {
	for _, a := range n.attrs {
		if a.Name.Space == "" && a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

func (n *node) setAttr(local, v string) {
	for i, a := range n.attrs {
		if a.Name.Space == "" && a.Name.Local == local {
			n.attrs[i].Value = v
			return
		}
	}
	n.attrs = append(n.attrs, xml.Attr{Name: xml.Name{Local: local}, Value: v})
}

// child is the first child element named (space, local), nil if none.
func (n *node) child(space, local string) *node {
	for _, c := range n.children {
		if c.name.Space == space && c.name.Local == local {
			return c
		}
	}
	return nil
}

func (n *node) all(space, local string) []*node {
	var out []*node
	for _, c := range n.children {
		if c.name.Space == space && c.name.Local == local {
			out = append(out, c)
		}
	}
	return out
}

// prefixes maps namespace URIs to the prefixes the document declared (xmlns:p="uri").
func (n *node) prefixes() map[string]string {
	p := map[string]string{nsCPIX: "cpix", nsPSKC: "pskc"}
	for _, a := range n.attrs {
		if a.Name.Space == "xmlns" {
			p[a.Value] = a.Name.Local
		}
	}
	return p
}

// declare makes the root declare the cpix and pskc prefixes the answer writes (a request may
// have used a default namespace, or left pskc undeclared).
func (n *node) declare() {
	for prefix, ns := range map[string]string{"cpix": nsCPIX, "pskc": nsPSKC} {
		found := false
		for _, a := range n.attrs {
			found = found || (a.Name.Space == "xmlns" && a.Name.Local == prefix)
		}
		if !found {
			n.attrs = append(n.attrs, xml.Attr{Name: xml.Name{Space: "xmlns", Local: prefix}, Value: ns})
		}
	}
}

// write serializes n with the prefixes declared on it and its ancestors.
func (n *node) write(b *bytes.Buffer, prefixes map[string]string) {
	for _, a := range n.attrs {
		if a.Name.Space == "xmlns" && prefixes[a.Value] != a.Name.Local {
			inner := make(map[string]string, len(prefixes)+1)
			for k, v := range prefixes {
				inner[k] = v
			}
			prefixes = inner
			break
		}
	}
	for _, a := range n.attrs {
		if a.Name.Space == "xmlns" {
			prefixes[a.Value] = a.Name.Local
		}
	}
	b.WriteString("<" + qname(n.name, prefixes))
	for _, a := range n.attrs {
		name := a.Name.Local
		if a.Name.Space == "" && a.Name.Local == "xmlns" {
			continue // a default namespace: the answer names every element by prefix
		}
		if a.Name.Space == "xmlns" {
			name = "xmlns:" + a.Name.Local
		} else if a.Name.Space != "" {
			name = qname(a.Name, prefixes)
		}
		b.WriteString(" " + name + `="`)
		xml.EscapeText(b, []byte(a.Value))
		b.WriteString(`"`)
	}
	text := strings.TrimSpace(n.text)
	if len(n.children) == 0 && text == "" {
		b.WriteString("/>")
		return
	}
	b.WriteString(">")
	xml.EscapeText(b, []byte(text))
	for _, c := range n.children {
		c.write(b, prefixes)
	}
	b.WriteString("</" + qname(n.name, prefixes) + ">")
}

func qname(n xml.Name, prefixes map[string]string) string {
	if p, ok := prefixes[n.Space]; ok && p != "" {
		return p + ":" + n.Local
	}
	return n.Local
}

func xmlName(space, local string) xml.Name { return xml.Name{Space: space, Local: local} }
