package server_test

import (
	"net/http"
	"strings"
	"testing"
)

func TestExportNeutralisesFormulasUnlessRaw(t *testing.T) {
	ts := mustStart(t, nil, nil)
	var p id
	ts.call("POST", "/api/v1/projects", map[string]string{"name": "Formulas"}, http.StatusCreated, &p)
	const name = "=cmd|' /C calc'!A0"
	ts.call("POST", "/api/v1/projects/"+p.ID+"/codes", map[string]string{"name": name, "level": "dimension"}, http.StatusCreated, nil)
	tests := []struct {
		query, want, notWant string
		wantStatus           int
	}{
		{"", "\n'" + name + ",", "\n" + name, http.StatusOK},
		{"?raw=1", "\n" + name + ",", "\n'" + name, http.StatusOK},
		{"?raw=maybe", "", "", http.StatusBadRequest},
	}
	for _, tt := range tests {
		res, body := ts.do("GET", "/api/v1/projects/"+p.ID+"/export/codebook-csv"+tt.query, "", nil)
		if res.StatusCode != tt.wantStatus {
			t.Fatalf("%s: got status %d (%s), want %d", tt.query, res.StatusCode, body, tt.wantStatus)
		}
		if tt.want != "" && !strings.Contains(string(body), tt.want) {
			t.Errorf("%s: got %q, want it to contain %q", tt.query, body, tt.want)
		}
		if tt.notWant != "" && strings.Contains(string(body), tt.notWant) {
			t.Errorf("%s: got %q, want no %q", tt.query, body, tt.notWant)
		}
	}
}
