package project

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// The lost-POST lookup of the kinds whose DSS-generated ids name objects
// whose names need not be unique in their project (knowledge banks, code
// studios): Post records the ids the planned name had just before the
// POST, and FindPosted adopts the one new object of that name.

// namedSet is ids as a set, the record Post keeps.
func namedSet(ids []string) map[string]bool {
	set := make(map[string]bool, len(ids))
	for _, id := range ids {
		set[id] = true
	}
	return set
}

// postedByName picks, among the ids of the objects named name now, the
// one that was not there before the POST: "" when none is new (the POST
// did not take effect), an error naming their import IDs when several are
// (someone created one meanwhile). what names the kind ("knowledge bank")
// and typeName its resource type, for the error.
func postedByName(now []string, before map[string]bool, projectKey, name, what, typeName string) (string, error) {
	ids := slices.DeleteFunc(slices.Clone(now), func(id string) bool { return before[id] })
	switch len(ids) {
	case 0:
		return "", nil
	case 1:
		return ids[0], nil
	}
	importIDs := make([]string, len(ids))
	for i, id := range ids {
		importIDs[i] = projectKey + "." + id
	}
	return "", fmt.Errorf("the answer to the creation of %s %q in project %s was lost, and %d objects of that name appeared meanwhile (import IDs %s): "+
		"the provider cannot tell which one it created. Import the one to manage (terraform import %s.<name> <import ID>) and delete the other in DSS",
		what, name, projectKey, len(ids), strings.Join(importIDs, ", "), typeName)
}

// oneNamed is the id of the one object named name among ids, for a data
// source that reads an object by a name that need not be unique: none or
// several are an error under summary, saying which (what names the kind,
// "knowledge bank"; whats its plural), and ok is false.
func oneNamed(ids []string, projectKey, name, what, whats, summary string, diagnostics *diag.Diagnostics) (id string, ok bool) {
	switch len(ids) {
	case 0:
		diagnostics.AddError(summary, fmt.Sprintf("Project %s has no %s named %q.", projectKey, what, name))
		return "", false
	case 1:
		return ids[0], true
	}
	diagnostics.AddError(summary, fmt.Sprintf("Project %s has %d %s named %q (ids %s): read one by its id.", projectKey, len(ids), whats, name, strings.Join(ids, ", ")))
	return "", false
}
