package provider_test

import (
	"slices"
	"testing"
)

// TestSeedShapesDeepEndToEnd runs TestSeedShapesEndToEnd's checks (see
// seed_shapes_e2e_test.go) on what that test does not vary: the keys at
// depth 3 and deeper and the keys inside list entries (a scenario's
// triggers[i].*, triggers[i].params.*, steps[i].*, steps[i].params.*, a
// dataset's schema.columns[i].* and metricsChecks.checks[i].*, a recipe's
// inputs.ROLE.items[i].*, params.json's permissions[i].*), the LEGACY
// fixture at every depth, and the folders of documents dss-adopt adopts
// beyond datasets, recipes, scenarios and managed folders (zones,
// evaluation stores, knowledge banks; saved models and labeling tasks,
// which it does not adopt, are seeded) at every depth. A key path is
// varied once per kind of document and signature (shapeKeyPath: a
// trigger or step of another type is another signature).
func TestSeedShapesDeepEndToEnd(t *testing.T) {
	shapeRun(t, shapeAllFixtures, shapeDeepVariants(t))
}

// shapeDeepVariants are TestSeedShapesDeepEndToEnd's variants: every
// variant of every fixture and folder that shapeMainVariants does not
// make.
func shapeDeepVariants(t *testing.T) []shapeVariant {
	return shapeVariants(t, shapeAllFixtures, shapeAllObjectDirs, func(fixture, dir string, p shapeKeyPath) bool {
		main := slices.Contains(shapeFixtures, fixture) && (dir == "." || slices.Contains(shapeObjectDirs, dir))
		return !main || !p.shallow()
	})
}

// TestSeedShapesExpectationsNameVariants: each entry of shapeRefused and
// shapeLeftOut names a variant one of the shapes tests makes (each test
// checks only the entries about its own variants), and no variant is
// made by both.
func TestSeedShapesExpectationsNameVariants(t *testing.T) {
	made := map[string]int{}
	for _, vs := range [][]shapeVariant{shapeMainVariants(t), shapeDeepVariants(t)} {
		for _, v := range vs {
			made[v.String()]++
		}
	}
	for name, n := range made {
		if n > 1 {
			t.Errorf("%s: made by both shapes tests", name)
		}
	}
	for _, want := range []map[string]string{shapeRefused, shapeLeftOut} {
		for name := range want {
			if made[name] == 0 {
				t.Errorf("%s: an expectation about a variant no shapes test makes", name)
			}
		}
	}
}
