package reports

import (
	"io/fs"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"text/template/parse"
	"unicode"

	"bobra/internal/golden"
	"bobra/pipeline/results"
	"bobra/templates"
)

// TestFigureNamesInTree checks that figur "x" and .x are one figure: every
// published figure of the catalogue is found in the texts' tree by its
// Norwegian name, with the value the catalogue reads, internal and public.
func TestFigureNamesInTree(t *testing.T) {
	t.Parallel()
	for _, res := range checkResults() {
		tree := textData(res)
		for _, f := range results.CatalogueOf(res).Figures {
			if f.Unpublished {
				continue
			}
			got, ok := lookupName(tree, f.Name)
			if !ok {
				t.Errorf("public %v: %s (%s) is not in the texts' tree", res.Public, f.Name, f.ID)
				continue
			}
			if !reflect.DeepEqual(got, f.Raw()) {
				t.Errorf("public %v: %s is %#v in the tree, %#v in the catalogue", res.Public, f.Name, got, f.Raw())
			}
		}
	}
}

// TestTemplatesUseNorwegianNames checks every shipped template: no Go field
// name is left, every figur "…" resolves to a catalogue figure or a name
// of the tree, and every field read from the top ($.x, or .x outside any
// with and range) is a name of the tree.
func TestTemplatesUseNorwegianNames(t *testing.T) {
	t.Parallel()
	res := checkResults()[0]
	cat := results.CatalogueOf(res)
	tree := textData(res)
	known := map[string]bool{}
	for _, n := range textNames() {
		known[n.name] = true
	}
	files, err := fs.Glob(templates.FS, "*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no templates (%v)", err)
	}
	figures := 0
	for _, name := range files {
		src, _ := fs.ReadFile(templates.FS, name)
		tpl, err := parseProse(name, string(src))
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range tpl.Templates() {
			if tt.Tree == nil {
				continue
			}
			walkNodes(tt.Tree.Root, 0, func(n parse.Node, depth int) {
				switch x := n.(type) {
				case *parse.FieldNode:
					checkIdents(t, name, x.Ident)
					if depth == 0 && !known[strings.Join(x.Ident, ".")] {
						t.Errorf("%s: {{ %s }} is not a name of the texts", name, x)
					}
				case *parse.VariableNode:
					checkIdents(t, name, x.Ident[1:])
					if x.Ident[0] == "$" && len(x.Ident) > 1 && !known[strings.Join(x.Ident[1:], ".")] {
						t.Errorf("%s: {{ %s }} is not a name of the texts", name, x)
					}
				case *parse.CommandNode:
					if id, ok := x.Args[0].(*parse.IdentifierNode); ok && id.Ident == "figur" && len(x.Args) == 2 {
						s, ok := x.Args[1].(*parse.StringNode)
						if !ok {
							t.Errorf("%s: figur without a name: %s", name, x)
							return
						}
						figures++
						if f := cat.ByName(s.Text); f == nil || f.Unpublished {
							if _, ok := lookupName(tree, s.Text); !ok {
								t.Errorf("%s: figur %q is neither in the catalogue nor a name of the texts", name, s.Text)
							}
						}
					}
				}
			})
		}
	}
	if figures == 0 {
		t.Error("no figur placeholder found; the walk is broken")
	}
}

func checkIdents(t *testing.T, file string, idents []string) {
	t.Helper()
	for _, id := range idents {
		if r := []rune(id); len(r) > 0 && unicode.IsUpper(r[0]) {
			t.Errorf("%s: %s is a Go field name, not a Norwegian one", file, strings.Join(idents, "."))
		}
	}
}

// walkNodes calls f on every node, with how many with and range blocks
// change the dot around it (a depth of 0 reads from the top).
func walkNodes(n parse.Node, depth int, f func(parse.Node, int)) {
	if n == nil || reflect.ValueOf(n).IsNil() {
		return
	}
	f(n, depth)
	switch x := n.(type) {
	case *parse.ListNode:
		for _, c := range x.Nodes {
			walkNodes(c, depth, f)
		}
	case *parse.ActionNode:
		walkNodes(x.Pipe, depth, f)
	case *parse.PipeNode:
		for _, c := range x.Cmds {
			walkNodes(c, depth, f)
		}
	case *parse.CommandNode:
		for _, a := range x.Args {
			walkNodes(a, depth, f)
		}
	case *parse.IfNode:
		walkNodes(x.Pipe, depth, f)
		walkNodes(x.List, depth, f)
		walkNodes(x.ElseList, depth, f)
	case *parse.WithNode:
		walkNodes(x.Pipe, depth, f)
		walkNodes(x.List, depth+1, f)
		walkNodes(x.ElseList, depth, f)
	case *parse.RangeNode:
		walkNodes(x.Pipe, depth, f)
		walkNodes(x.List, depth+1, f)
		walkNodes(x.ElseList, depth, f)
	}
}

// TestSuggestName checks the "mente du …?" of a placeholder that does
// not exist: the Norwegian name of a Go field from before, whole or inside
// a with, and the nearest name to a typo.
func TestSuggestName(t *testing.T) {
	t.Parallel()
	tests := []struct{ unknown, want string }{
		{".Families.Bought", ".familier.kjøpt"},
		{".Stability.ByPhase.P1.Rate", `figur "stabilitet.del.1.andel"`},
		{".Stability.ByPhase.P1", `figur "stabilitet.del.1"`},
		{".Children.ByAge.Age0to5", `figur "barn.alder.0-5"`},
		{".Rent.Region", ".leie.region"},
		{".AsOf", ".evalueringsdato"},
		{".Public", ".offentlig"},
		{".Stable", ".stabile"},
		{".WarningSummary.Total", ".merknader.i_alt"},
		{".Warnings", ".merknader.finnes"},
		{".SurveyRounds", ".undersøkelsesrunder"},
		{".Statement", ".påstand"},
		{".stabilitet.alle.andle", ".stabilitet.alle.andel"},
		{".leie.regon", ".leie.region"},
		{".Stabilitet.Del1.Andel", `figur "stabilitet.del.1.andel"`},
		{".Finnes.Ikke", ""},
		{"$x", ""},
	}
	for _, tt := range tests {
		if got := suggestName(tt.unknown); got != tt.want {
			t.Errorf("suggestName(%q) = %q, want %q", tt.unknown, got, tt.want)
		}
	}
}

// TestFigureListUpToDate keeps docs/figurer.md the list bobra maler
// writes: go test ./reports -run TestFigureListUpToDate -update.
func TestFigureListUpToDate(t *testing.T) {
	t.Parallel()
	golden.Check(t, filepath.Join("..", "docs", "figurer.md"), FigureList(), *update)
}
