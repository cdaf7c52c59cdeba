package refi

import (
	"strings"

	"tessera/coding"
)

// normGUID puts a GUID in the form Tessera compares: lower case, without
// braces or surrounding space. Programs differ in case and braces.
func normGUID(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(strings.TrimPrefix(s, "{"), "}")
	return strings.ToLower(strings.TrimSpace(s))
}

// GUIDs of elements that have no entity ID of their own derive from the
// IDs and names they stand for, so repeated exports agree.

func userGUID(name string) string              { return coding.GUID("user:" + name) }
func codingGUID(quoteID, codeID string) string { return coding.GUID(quoteID + "/coding/" + codeID) }
func variableGUID(projectID, key string) string {
	return coding.GUID(projectID + "/variable/" + strings.ToLower(key))
}
func setGUID(facetID, value string) string { return coding.GUID(facetID + "/set/" + value) }
func linkGUID(memoID string) string        { return coding.GUID(memoID + "/link") }
