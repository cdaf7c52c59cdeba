package server_test

import (
	"context"
	"io"
	"net/http"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tessera/coding"
	"tessera/server"
)

// wantPerms is the route/role matrix of team mode, as docs/team.md prints
// it: the permission of every route, with "/own" when coders may act only
// on their own quotes, memos or changes. A route of the server missing
// here, or with another permission, fails TestRouteTable.
var wantPerms = map[string]string{
	"GET /*":                     "public",
	"HEAD /*":                    "public",
	"GET /api/v1/version":        "public",
	"GET /api/v1/healthz":        "public",
	"POST /api/v1/login":         "public",
	"POST /api/v1/logout":        "user",
	"GET /api/v1/me":             "user",
	"POST /api/v1/me/password":   "user",
	"POST /api/v1/markdown":      "user",
	"GET /api/v1/export/formats": "user",

	"GET /api/v1/users":                 "admin",
	"POST /api/v1/users":                "admin",
	"PATCH /api/v1/users/:user":         "admin",
	"POST /api/v1/users/:user/password": "admin",
	"GET /api/v1/backup":                "admin",
	"GET /api/v1/backups":               "admin",
	"POST /api/v1/backups/restore":      "admin",
	"GET /api/v1/login-throttles":       "admin",
	"DELETE /api/v1/login-throttles":    "admin",

	"POST /api/v1/projects":        "user",
	"POST /api/v1/projects/qdpx":   "user",
	"GET /api/v1/projects":         "user",
	"GET /api/v1/projects/:pid":    "read",
	"PATCH /api/v1/projects/:pid":  "owner",
	"DELETE /api/v1/projects/:pid": "owner",

	"GET /api/v1/projects/:pid/access":              "read",
	"GET /api/v1/projects/:pid/members":             "read",
	"PUT /api/v1/projects/:pid/members/:user":       "owner",
	"DELETE /api/v1/projects/:pid/members/:user":    "owner",
	"PUT /api/v1/projects/:pid/codebook/lock":       "owner",
	"GET /api/v1/projects/:pid/assignments":         "read",
	"PUT /api/v1/projects/:pid/assignments":         "owner",
	"DELETE /api/v1/projects/:pid/assignments/:did": "owner",
	"GET /api/v1/projects/:pid/agreement":           "review",
	"GET /api/v1/projects/:pid/agreement/export":    "review",
	"GET /api/v1/projects/:pid/disagreements":       "review",
	"GET /api/v1/projects/:pid/consensus":           "review",
	"POST /api/v1/projects/:pid/consensus":          "owner",

	"POST /api/v1/projects/:pid/cases":                          "owner",
	"GET /api/v1/projects/:pid/cases":                           "read",
	"PUT /api/v1/projects/:pid/cases/order":                     "owner",
	"GET /api/v1/projects/:pid/cases/:cid":                      "read",
	"PATCH /api/v1/projects/:pid/cases/:cid":                    "owner",
	"DELETE /api/v1/projects/:pid/cases/:cid":                   "owner",
	"POST /api/v1/projects/:pid/informants":                     "owner",
	"GET /api/v1/projects/:pid/informants":                      "read",
	"POST /api/v1/projects/:pid/informants/link":                "owner",
	"POST /api/v1/projects/:pid/informants/link-all":            "owner",
	"GET /api/v1/projects/:pid/informants/:iid":                 "read",
	"PATCH /api/v1/projects/:pid/informants/:iid":               "owner",
	"DELETE /api/v1/projects/:pid/informants/:iid":              "owner",
	"POST /api/v1/projects/:pid/informants/:iid/merge":          "owner",
	"POST /api/v1/projects/:pid/documents":                      "owner",
	"GET /api/v1/projects/:pid/documents":                       "read",
	"GET /api/v1/projects/:pid/documents/:did":                  "read",
	"PATCH /api/v1/projects/:pid/documents/:did":                "owner",
	"DELETE /api/v1/projects/:pid/documents/:did":               "owner",
	"POST /api/v1/projects/:pid/documents/:did/speakers/rename": "owner",
	"POST /api/v1/projects/:pid/documents/:did/speakers/merge":  "owner",
	"POST /api/v1/projects/:pid/documents/:did/speakers/split":  "owner",
	"POST /api/v1/projects/:pid/documents/:did/speakers/role":   "owner",
	"PUT /api/v1/projects/:pid/documents/:did/turns/:n/speaker": "owner",
	"POST /api/v1/projects/:pid/documents/:did/turns/:n/split":  "owner",
	"POST /api/v1/projects/:pid/documents/:did/turns/:n/merge":  "owner",
	"POST /api/v1/projects/:pid/documents/:did/corrections":     "owner",

	"POST /api/v1/projects/:pid/codes":                     "codebook",
	"GET /api/v1/projects/:pid/codes":                      "read",
	"PUT /api/v1/projects/:pid/codes/order":                "codebook",
	"POST /api/v1/projects/:pid/codes/bulk-level":          "codebook",
	"POST /api/v1/projects/:pid/codes/tiers":               "codebook",
	"POST /api/v1/projects/:pid/codes/bulk":                "codebook",
	"GET /api/v1/projects/:pid/codes/:cid":                 "read",
	"PATCH /api/v1/projects/:pid/codes/:cid":               "codebook",
	"DELETE /api/v1/projects/:pid/codes/:cid":              "codebook",
	"POST /api/v1/projects/:pid/codes/:cid/merge":          "codebook",
	"POST /api/v1/projects/:pid/codes/:cid/split":          "codebook",
	"PUT /api/v1/projects/:pid/codes/:cid/retired":         "codebook",
	"POST /api/v1/projects/:pid/rounds":                    "owner",
	"GET /api/v1/projects/:pid/rounds":                     "read",
	"GET /api/v1/projects/:pid/rounds/evolution":           "review",
	"GET /api/v1/projects/:pid/rounds/:rid":                "review",
	"GET /api/v1/projects/:pid/saturation":                 "read",
	"PUT /api/v1/projects/:pid/codes/:cid/facets/:fid":     "codebook",
	"DELETE /api/v1/projects/:pid/codes/:cid/facets/:fid":  "codebook",
	"POST /api/v1/projects/:pid/codebook":                  "codebook",
	"POST /api/v1/projects/:pid/facets":                    "codebook",
	"GET /api/v1/projects/:pid/facets":                     "read",
	"GET /api/v1/projects/:pid/facets/:fid":                "read",
	"PATCH /api/v1/projects/:pid/facets/:fid":              "codebook",
	"DELETE /api/v1/projects/:pid/facets/:fid":             "codebook",
	"POST /api/v1/projects/:pid/sets":                      "codebook",
	"GET /api/v1/projects/:pid/sets":                       "read",
	"GET /api/v1/projects/:pid/sets/:sid":                  "read",
	"PATCH /api/v1/projects/:pid/sets/:sid":                "codebook",
	"DELETE /api/v1/projects/:pid/sets/:sid":               "codebook",
	"POST /api/v1/projects/:pid/models":                    "codebook",
	"GET /api/v1/projects/:pid/models":                     "read",
	"GET /api/v1/projects/:pid/models/:mid":                "read",
	"PATCH /api/v1/projects/:pid/models/:mid":              "codebook",
	"DELETE /api/v1/projects/:pid/models/:mid":             "codebook",
	"GET /api/v1/projects/:pid/models/:mid/export/:format": "read",

	"POST /api/v1/projects/:pid/quotes":                   "code",
	"GET /api/v1/projects/:pid/quotes":                    "read",
	"GET /api/v1/projects/:pid/quotes/:qid":               "read",
	"PATCH /api/v1/projects/:pid/quotes/:qid":             "code/own",
	"DELETE /api/v1/projects/:pid/quotes/:qid":            "code/own",
	"PUT /api/v1/projects/:pid/quotes/:qid/picks/:cid":    "code/own",
	"DELETE /api/v1/projects/:pid/quotes/:qid/picks/:cid": "code/own",
	"PUT /api/v1/projects/:pid/quotes/:qid/excerpt":       "code/own",
	"GET /api/v1/projects/:pid/supporting":                "read",
	"POST /api/v1/projects/:pid/search/code":              "code",
	"POST /api/v1/projects/:pid/memos":                    "code",
	"GET /api/v1/projects/:pid/memos":                     "read",
	"GET /api/v1/projects/:pid/memos/:mid":                "read",
	"PATCH /api/v1/projects/:pid/memos/:mid":              "code/own",
	"DELETE /api/v1/projects/:pid/memos/:mid":             "code/own",

	"GET /api/v1/projects/:pid/search":                 "read",
	"GET /api/v1/projects/:pid/search/export":          "read",
	"GET /api/v1/projects/:pid/gioia":                  "read",
	"GET /api/v1/projects/:pid/codes/stats":            "read",
	"GET /api/v1/projects/:pid/matrix":                 "read",
	"GET /api/v1/projects/:pid/cooccurrence":           "read",
	"GET /api/v1/projects/:pid/export/:format":         "read",
	"GET /api/v1/projects/:pid/anonymisation":          "read",
	"PUT /api/v1/projects/:pid/anonymisation":          "owner",
	"POST /api/v1/projects/:pid/anonymisation/preview": "read",
	"GET /api/v1/projects/:pid/anonymisation/check":    "read",

	"GET /api/v1/projects/:pid/table-presets":          "read",
	"PUT /api/v1/projects/:pid/table-presets/:name":    "code",
	"DELETE /api/v1/projects/:pid/table-presets/:name": "code",

	"GET /api/v1/projects/:pid/cooccurrence/units": "read",

	"GET /api/v1/projects/:pid/audit":        "read",
	"GET /api/v1/projects/:pid/audit/export": "read",
	"POST /api/v1/projects/:pid/undo":        "code/own",
	"GET /api/v1/projects/:pid/history":      "read",

	"GET /api/v1/projects/:pid/events":   "read",
	"PUT /api/v1/projects/:pid/presence": "read",
}

// routeCall is how the matrix calls a route: a concrete path and a
// minimal valid body, with {placeholders} filled from the fixture.
type routeCall struct {
	path string
	body string
	// multipart sends body as the CSV file of a codebook upload.
	multipart bool
	// okStatus is what the first admitted role must get; 0 means any 2xx.
	okStatus int
	// anonymous calls with a fresh client without session, whatever the
	// role (signing in must not replace the role's session).
	anonymous bool
	// fresh signs the role's user in anew for the call, and last runs the
	// route after all others: the call ends sessions of the user.
	fresh, last bool
	// stream reads only the status of an answer that does not end.
	stream bool
}

// routeCalls has a call for every route of wantPerms.
var routeCalls = map[string]routeCall{
	"GET /*":                     {path: "/"},
	"HEAD /*":                    {path: "/"},
	"GET /api/v1/version":        {},
	"GET /api/v1/healthz":        {},
	"POST /api/v1/login":         {body: `{"username": "admin", "password": "{adminpw}"}`, anonymous: true},
	"POST /api/v1/logout":        {fresh: true, last: true},
	"GET /api/v1/me":             {},
	"POST /api/v1/me/password":   {body: `{"old": "{pw}", "new": "{pw}"}`, fresh: true, last: true},
	"POST /api/v1/markdown":      {body: `{"text": "**Luleå** 👍"}`},
	"GET /api/v1/export/formats": {},

	"GET /api/v1/users":                 {},
	"POST /api/v1/users":                {body: `{"username": "new{n}", "password": "a long enough password"}`},
	"PATCH /api/v1/users/:user":         {path: "/api/v1/users/target", body: `{"disabled": false}`},
	"POST /api/v1/users/:user/password": {path: "/api/v1/users/target/password", body: `{"password": "a long enough password"}`},
	"GET /api/v1/backup":                {},
	"GET /api/v1/backups":               {},
	"POST /api/v1/backups/restore":      {body: `{"name": "tessera-2026-01-01-000000Z-start.db"}`, okStatus: 503}, // admitted; this server restores none
	"GET /api/v1/login-throttles":       {},
	"DELETE /api/v1/login-throttles":    {path: "/api/v1/login-throttles?account=nobody"},

	"POST /api/v1/projects":        {body: `{"name": "Study {n}"}`},
	"POST /api/v1/projects/qdpx":   {okStatus: 400}, // no file: admitted, then refused
	"GET /api/v1/projects":         {},
	"GET /api/v1/projects/:pid":    {},
	"PATCH /api/v1/projects/:pid":  {body: `{"description": "Luleå"}`},
	"DELETE /api/v1/projects/:pid": {path: "/api/v1/projects/{pid}?confirm=true"},

	"GET /api/v1/projects/:pid/access":              {},
	"GET /api/v1/projects/:pid/members":             {},
	"PUT /api/v1/projects/:pid/members/:user":       {path: "/api/v1/projects/{pid}/members/extra", body: `{"role": "viewer"}`},
	"DELETE /api/v1/projects/:pid/members/:user":    {path: "/api/v1/projects/{pid}/members/extra"},
	"PUT /api/v1/projects/:pid/codebook/lock":       {body: `{"locked": true}`},
	"GET /api/v1/projects/:pid/assignments":         {},
	"PUT /api/v1/projects/:pid/assignments":         {body: `{"document_ids": ["{doc2}"], "coders": ["cora", "olga"], "independent": true}`},
	"DELETE /api/v1/projects/:pid/assignments/:did": {path: "/api/v1/projects/{pid}/assignments/{doc}"},
	"GET /api/v1/projects/:pid/agreement":           {},
	"GET /api/v1/projects/:pid/agreement/export":    {path: "/api/v1/projects/{pid}/agreement/export?format=csv"},
	"GET /api/v1/projects/:pid/disagreements":       {},
	"GET /api/v1/projects/:pid/consensus":           {},
	"POST /api/v1/projects/:pid/consensus":          {body: `{"quote_ids": ["{quote}"], "decision": "accept"}`},

	"POST /api/v1/projects/:pid/cases":                          {body: `{"name": "Case {n}"}`},
	"GET /api/v1/projects/:pid/cases":                           {},
	"PUT /api/v1/projects/:pid/cases/order":                     {body: `{"ids": ["{case}"]}`},
	"GET /api/v1/projects/:pid/cases/:cid":                      {path: "/api/v1/projects/{pid}/cases/{case}"},
	"PATCH /api/v1/projects/:pid/cases/:cid":                    {path: "/api/v1/projects/{pid}/cases/{case}", body: `{"name": "Renamed {n}"}`},
	"DELETE /api/v1/projects/:pid/cases/:cid":                   {path: "/api/v1/projects/{pid}/cases/{case}"},
	"POST /api/v1/projects/:pid/informants":                     {body: `{"pseudonym": "Person {n}", "attributes": {"gender": "female"}}`},
	"GET /api/v1/projects/:pid/informants":                      {},
	"POST /api/v1/projects/:pid/informants/link":                {body: `{"document_id": "{doc2}", "speaker": "Bo", "informant_id": "{informant}"}`},
	"POST /api/v1/projects/:pid/informants/link-all":            {},
	"GET /api/v1/projects/:pid/informants/:iid":                 {path: "/api/v1/projects/{pid}/informants/{informant}"},
	"PATCH /api/v1/projects/:pid/informants/:iid":               {path: "/api/v1/projects/{pid}/informants/{informant}", body: `{"role": "CEO {n}"}`},
	"DELETE /api/v1/projects/:pid/informants/:iid":              {path: "/api/v1/projects/{pid}/informants/{informant2}"},
	"POST /api/v1/projects/:pid/informants/:iid/merge":          {path: "/api/v1/projects/{pid}/informants/{informant2}/merge", body: `{"target_id": "{informant}"}`},
	"POST /api/v1/projects/:pid/documents":                      {body: `{"title": "New {n}", "text": "Fresh text {n}"}`},
	"GET /api/v1/projects/:pid/documents":                       {},
	"GET /api/v1/projects/:pid/documents/:did":                  {path: "/api/v1/projects/{pid}/documents/{doc}?quotes=true"},
	"PATCH /api/v1/projects/:pid/documents/:did":                {path: "/api/v1/projects/{pid}/documents/{doc}", body: `{"title": "Renamed {n}"}`},
	"DELETE /api/v1/projects/:pid/documents/:did":               {path: "/api/v1/projects/{pid}/documents/{doc}?confirm=true"},
	"POST /api/v1/projects/:pid/documents/:did/speakers/rename": {path: "/api/v1/projects/{pid}/documents/{doc}/speakers/rename", body: `{"from": "Anna", "to": "Anna {n}"}`},
	"POST /api/v1/projects/:pid/documents/:did/speakers/merge":  {path: "/api/v1/projects/{pid}/documents/{doc}/speakers/merge", body: `{"speakers": ["Interviewer", "Anna"], "into": "Anna"}`},
	"POST /api/v1/projects/:pid/documents/:did/speakers/split":  {path: "/api/v1/projects/{pid}/documents/{doc}/speakers/split", body: `{"speaker": "Anna", "turns": [2], "name": "Bo {n}"}`},
	"POST /api/v1/projects/:pid/documents/:did/speakers/role":   {path: "/api/v1/projects/{pid}/documents/{doc}/speakers/role", body: `{"speaker": "Anna", "role": "interviewer"}`},
	"PUT /api/v1/projects/:pid/documents/:did/turns/:n/speaker": {path: "/api/v1/projects/{pid}/documents/{doc}/turns/1/speaker", body: `{"speaker": "Researcher {n}"}`},
	"POST /api/v1/projects/:pid/documents/:did/turns/:n/split":  {path: "/api/v1/projects/{pid}/documents/{doc}/turns/2/split", body: `{"at": 44, "speaker": "Bo"}`},
	"POST /api/v1/projects/:pid/documents/:did/turns/:n/merge":  {path: "/api/v1/projects/{pid}/documents/{doc}/turns/1/merge"},
	"POST /api/v1/projects/:pid/documents/:did/corrections":     {path: "/api/v1/projects/{pid}/documents/{doc}/corrections", body: `{"start": 37, "end": 43, "text": "fell"}`},

	"POST /api/v1/projects/:pid/codes":                     {body: `{"name": "Code {n}", "level": "concept", "parent_id": "{theme}"}`},
	"GET /api/v1/projects/:pid/codes":                      {},
	"PUT /api/v1/projects/:pid/codes/order":                {body: `{"parent_id": "{theme}", "ids": ["{concept2}", "{concept}"]}`},
	"POST /api/v1/projects/:pid/codes/bulk-level":          {body: `{"ids": ["{concept2}"], "level": "concept"}`},
	"POST /api/v1/projects/:pid/codes/tiers":               {body: `{"dimensions": 1, "themes": 2}`},
	"POST /api/v1/projects/:pid/codes/bulk":                {body: `{"ids": ["{concept2}"], "action": "color", "color": "#336699"}`},
	"GET /api/v1/projects/:pid/codes/:cid":                 {path: "/api/v1/projects/{pid}/codes/{concept}"},
	"PATCH /api/v1/projects/:pid/codes/:cid":               {path: "/api/v1/projects/{pid}/codes/{concept}", body: `{"color": "#123456"}`},
	"DELETE /api/v1/projects/:pid/codes/:cid":              {path: "/api/v1/projects/{pid}/codes/{concept}?uncode=true"},
	"POST /api/v1/projects/:pid/codes/:cid/merge":          {path: "/api/v1/projects/{pid}/codes/{concept}/merge", body: `{"target_id": "{concept2}"}`},
	"POST /api/v1/projects/:pid/codes/:cid/split":          {path: "/api/v1/projects/{pid}/codes/{concept}/split", body: `{"name": "Split {n}", "quote_ids": ["{quote}"]}`},
	"PUT /api/v1/projects/:pid/codes/:cid/retired":         {path: "/api/v1/projects/{pid}/codes/{concept2}/retired", body: `{"retired": true}`},
	"POST /api/v1/projects/:pid/rounds":                    {body: `{"name": "Round {n}", "note": "closed"}`},
	"GET /api/v1/projects/:pid/rounds":                     {},
	"GET /api/v1/projects/:pid/rounds/evolution":           {path: "/api/v1/projects/{pid}/rounds/evolution?from={round}&to=current&format=md"},
	"GET /api/v1/projects/:pid/rounds/:rid":                {path: "/api/v1/projects/{pid}/rounds/{round}"},
	"GET /api/v1/projects/:pid/saturation":                 {path: "/api/v1/projects/{pid}/saturation?window=2"},
	"PUT /api/v1/projects/:pid/codes/:cid/facets/:fid":     {path: "/api/v1/projects/{pid}/codes/{concept}/facets/{facet}", body: `{"value": "experiential"}`},
	"DELETE /api/v1/projects/:pid/codes/:cid/facets/:fid":  {path: "/api/v1/projects/{pid}/codes/{concept}/facets/{facet}"},
	"POST /api/v1/projects/:pid/codebook":                  {body: "name,level\nNew dimension {n},dimension\n", multipart: true},
	"POST /api/v1/projects/:pid/facets":                    {body: `{"name": "Facet {n}", "values": ["a", "b"]}`},
	"GET /api/v1/projects/:pid/facets":                     {},
	"GET /api/v1/projects/:pid/facets/:fid":                {path: "/api/v1/projects/{pid}/facets/{facet}"},
	"PATCH /api/v1/projects/:pid/facets/:fid":              {path: "/api/v1/projects/{pid}/facets/{facet}", body: `{"name": "Renamed {n}"}`},
	"DELETE /api/v1/projects/:pid/facets/:fid":             {path: "/api/v1/projects/{pid}/facets/{facet}"},
	"POST /api/v1/projects/:pid/sets":                      {body: `{"name": "Set {n}", "document_ids": ["{doc2}"], "code_ids": ["{concept}"]}`},
	"GET /api/v1/projects/:pid/sets":                       {},
	"GET /api/v1/projects/:pid/sets/:sid":                  {path: "/api/v1/projects/{pid}/sets/{set}"},
	"PATCH /api/v1/projects/:pid/sets/:sid":                {path: "/api/v1/projects/{pid}/sets/{set}", body: `{"name": "Renamed {n}", "add_documents": ["{doc}"]}`},
	"DELETE /api/v1/projects/:pid/sets/:sid":               {path: "/api/v1/projects/{pid}/sets/{set}"},
	"POST /api/v1/projects/:pid/models":                    {body: `{"name": "Model {n}", "boxes": [{"id": "b1", "code_id": "{theme}", "x": 0, "y": 0, "w": 100, "h": 40}]}`},
	"GET /api/v1/projects/:pid/models":                     {},
	"GET /api/v1/projects/:pid/models/:mid":                {path: "/api/v1/projects/{pid}/models/{model}"},
	"PATCH /api/v1/projects/:pid/models/:mid":              {path: "/api/v1/projects/{pid}/models/{model}", body: `{"name": "Renamed {n}"}`},
	"DELETE /api/v1/projects/:pid/models/:mid":             {path: "/api/v1/projects/{pid}/models/{model}"},
	"GET /api/v1/projects/:pid/models/:mid/export/:format": {path: "/api/v1/projects/{pid}/models/{model}/export/pptx"},

	"POST /api/v1/projects/:pid/quotes":                   {body: `{"document_id": "{doc}", "start": 0, "end": 5, "code_ids": ["{concept}"]}`},
	"GET /api/v1/projects/:pid/quotes":                    {},
	"GET /api/v1/projects/:pid/quotes/:qid":               {path: "/api/v1/projects/{pid}/quotes/{quote}"},
	"PATCH /api/v1/projects/:pid/quotes/:qid":             {path: "/api/v1/projects/{pid}/quotes/{quote}", body: `{"memo": "mine"}`},
	"DELETE /api/v1/projects/:pid/quotes/:qid":            {path: "/api/v1/projects/{pid}/quotes/{quote}"},
	"PUT /api/v1/projects/:pid/quotes/:qid/picks/:cid":    {path: "/api/v1/projects/{pid}/quotes/{quote}/picks/{concept}", body: `{"kind": "power"}`},
	"DELETE /api/v1/projects/:pid/quotes/:qid/picks/:cid": {path: "/api/v1/projects/{pid}/quotes/{quote}/picks/{concept}"},
	"PUT /api/v1/projects/:pid/quotes/:qid/excerpt":       {path: "/api/v1/projects/{pid}/quotes/{quote}/excerpt", body: `{"excerpt": ""}`},
	"GET /api/v1/projects/:pid/supporting":                {},
	"POST /api/v1/projects/:pid/search/code":              {body: `{"query": "fair", "code_id": "{concept}"}`},
	"POST /api/v1/projects/:pid/memos":                    {body: `{"target_type": "project", "title": "Idea {n}", "body": "B"}`},
	"GET /api/v1/projects/:pid/memos":                     {},
	"GET /api/v1/projects/:pid/memos/:mid":                {path: "/api/v1/projects/{pid}/memos/{memo}"},
	"PATCH /api/v1/projects/:pid/memos/:mid":              {path: "/api/v1/projects/{pid}/memos/{memo}", body: `{"body": "changed"}`},
	"DELETE /api/v1/projects/:pid/memos/:mid":             {path: "/api/v1/projects/{pid}/memos/{memo}"},

	"GET /api/v1/projects/:pid/search":                 {path: "/api/v1/projects/{pid}/search?q=fair"},
	"GET /api/v1/projects/:pid/search/export":          {path: "/api/v1/projects/{pid}/search/export?q=fair&format=md"},
	"GET /api/v1/projects/:pid/gioia":                  {},
	"GET /api/v1/projects/:pid/codes/stats":            {},
	"GET /api/v1/projects/:pid/matrix":                 {},
	"GET /api/v1/projects/:pid/cooccurrence":           {},
	"GET /api/v1/projects/:pid/export/:format":         {path: "/api/v1/projects/{pid}/export/quotes-csv?anonymise=true"},
	"GET /api/v1/projects/:pid/anonymisation":          {},
	"PUT /api/v1/projects/:pid/anonymisation":          {body: `{"terms": [{"term": "Luleå {n}", "replacement": "[city]"}]}`},
	"POST /api/v1/projects/:pid/anonymisation/preview": {body: `{"profile": {"terms": [{"term": "fair"}]}, "document_id": "{doc}"}`},
	"GET /api/v1/projects/:pid/anonymisation/check":    {path: "/api/v1/projects/{pid}/anonymisation/check?format=quotes-md"},

	"GET /api/v1/projects/:pid/table-presets":          {},
	"PUT /api/v1/projects/:pid/table-presets/:name":    {path: "/api/v1/projects/{pid}/table-presets/Appendix", body: `{"style": "grid"}`},
	"DELETE /api/v1/projects/:pid/table-presets/:name": {path: "/api/v1/projects/{pid}/table-presets/Journal"},

	"GET /api/v1/projects/:pid/cooccurrence/units": {path: "/api/v1/projects/{pid}/cooccurrence/units?a={concept}&b={concept}"},

	"GET /api/v1/projects/:pid/audit":        {},
	"GET /api/v1/projects/:pid/audit/export": {},
	"POST /api/v1/projects/:pid/undo":        {body: `{"seq": {seq}}`},
	"GET /api/v1/projects/:pid/history":      {},

	"GET /api/v1/projects/:pid/events":   {stream: true},
	"PUT /api/v1/projects/:pid/presence": {body: `{"client": "tab", "document": "{doc}"}`, okStatus: 409}, // admitted; no stream open
}

func TestRouteTable(t *testing.T) {
	s := mustStartTeam(t, nil)
	seen := map[string]bool{}
	for _, r := range s.srv.Routes() {
		key := r.Method + " " + r.Path
		seen[key] = true
		got := r.Permission
		if r.OwnOnly != "" {
			got += "/own"
		}
		want, ok := wantPerms[key]
		switch {
		case r.Permission == "":
			t.Errorf("route %s has no permission rule", key)
		case !ok:
			t.Errorf("route %s (%s) is missing from the test's matrix", key, got)
		case got != want:
			t.Errorf("route %s: got permission %s, want %s", key, got, want)
		}
		if _, ok := routeCalls[key]; !ok {
			t.Errorf("route %s has no call in the test's matrix", key)
		}
	}
	for key := range wantPerms {
		if !seen[key] {
			t.Errorf("route %s of the matrix is not served", key)
		}
	}
}

// matrixRoles are the callers the matrix tries, from none to all rights.
var matrixRoles = []string{"none", "outsider", "viewer", "coder", "owner", "admin"}

// matrixUsers are the accounts behind the roles.
var matrixUsers = map[string]string{"outsider": "otto", "viewer": "vera", "coder": "cora", "owner": "olga", "admin": "admin"}

// admits tells whether a permission admits a role.
func admits(perm, role string) bool {
	perm = strings.TrimSuffix(perm, "/own")
	switch perm {
	case "public":
		return true
	case "user":
		return role != "none"
	case "admin":
		return role == "admin"
	case "read":
		return role == "viewer" || role == "coder" || role == "owner" || role == "admin"
	case "code", "codebook":
		return role == "coder" || role == "owner" || role == "admin"
	case "review":
		return role == "viewer" || role == "owner" || role == "admin"
	case "owner":
		return role == "owner" || role == "admin"
	}
	panic("unknown permission " + perm)
}

// TestRoleMatrix calls every route as every role, on a fresh project for
// each route: roles the route does not admit get 401 (no session) or 403;
// the first admitted role succeeds, and later ones are not refused.
func TestRoleMatrix(t *testing.T) {
	s := mustStartTeam(t, func(c *server.Config) { c.UI = testUI })
	for _, name := range []string{"otto", "vera", "cora", "olga", "extra", "target"} {
		s.mustUser(name, false)
	}
	clients := map[string]*client{"none": s.anonymous()}
	for role, name := range matrixUsers {
		clients[role] = s.login(name)
	}
	keys := make([]string, 0, len(wantPerms))
	for key := range wantPerms {
		keys = append(keys, key)
	}
	sort.Slice(keys, func(i, j int) bool {
		li, lj := routeCalls[keys[i]].last, routeCalls[keys[j]].last
		if li != lj {
			return lj
		}
		return keys[i] < keys[j]
	})
	n := 0
	for _, key := range keys {
		call := routeCalls[key]
		vars := matrixFixture(t, s)
		method, pattern, _ := strings.Cut(key, " ")
		path := call.path
		if path == "" {
			path = strings.ReplaceAll(pattern, ":pid", "{pid}")
		}
		// Refused roles first: they must change nothing.
		var admitted, refused []string
		for _, role := range matrixRoles {
			if admits(wantPerms[key], role) {
				admitted = append(admitted, role)
			} else {
				refused = append(refused, role)
			}
		}
		for i, role := range append(refused, admitted...) {
			n++
			vars["n"] = strconv.Itoa(n)
			vars["pw"] = matrixUsers[role] + passwordSuffix
			vars["adminpw"] = adminPassword
			cl := clients[role]
			switch {
			case call.anonymous:
				cl = s.anonymous()
			case call.fresh && role != "none":
				cl = s.login(matrixUsers[role])
			}
			var got int
			var body string
			if call.stream {
				got, body = matrixStream(t, cl, expand(path, vars))
			} else {
				got, body = matrixRequest(t, cl, method, expand(path, vars), expand(call.body, vars), call.multipart)
			}
			switch {
			case i < len(refused) && role == "none":
				if got != 401 {
					t.Errorf("%s as %s: got %d, want 401; %s", key, role, got, body)
				}
			case i < len(refused):
				if got != 403 {
					t.Errorf("%s as %s: got %d, want 403; %s", key, role, got, body)
				}
			case i == len(refused):
				if (call.okStatus == 0 && (got < 200 || got > 299)) || (call.okStatus != 0 && got != call.okStatus) {
					t.Errorf("%s as %s (first admitted): got %d, want success; %s", key, role, got, body)
				}
			default:
				if got == 401 || got == 403 {
					t.Errorf("%s as %s: got %d, want it admitted; %s", key, role, got, body)
				}
			}
		}
	}
}

// matrixRequest sends one call of the matrix and returns the status and
// the body.
func matrixRequest(t *testing.T, cl *client, method, path, body string, multipart bool) (int, string) {
	t.Helper()
	var r io.Reader
	ct := ""
	switch {
	case multipart:
		ct, r = multipartBody(t, [][2]string{{"codebook.csv", body}}, nil)
	case body != "":
		r, ct = strings.NewReader(body), "application/json"
	}
	res, data := cl.do(method, path, ct, r)
	return res.StatusCode, string(data)
}

// matrixStream opens an event stream and returns its status, with the
// body of a refusal.
func matrixStream(t *testing.T, cl *client, path string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", cl.base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := cl.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		data, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(data)
	}
	return res.StatusCode, ""
}

// matrixFixture creates, directly in the store, a project for one route:
// members olga (owner), cora (coder), vera (viewer) and extra (coder); a
// case; two documents, the first assigned to cora and olga for
// independent coding; two informants; a dimension, a theme and two concepts; a facet; a
// quote by cora and one by olga; a memo by cora. It returns the IDs by
// name, and {seq}, the audit entry of cora's quote.
func matrixFixture(t *testing.T, s *teamServer) map[string]string {
	t.Helper()
	st := s.store
	as := func(name string) context.Context { return coding.WithActor(context.Background(), name) }
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	p := &coding.Project{Name: "Matrix " + coding.NewID(frozen)}
	must(st.CreateProject(as("olga"), p))
	for name, role := range map[string]coding.Role{"olga": coding.RoleOwner, "cora": coding.RoleCoder, "vera": coding.RoleViewer, "extra": coding.RoleCoder} {
		must(st.PutMember(as("olga"), &coding.Member{ProjectID: p.ID, Username: name, Role: role}))
	}
	cs := &coding.Case{ProjectID: p.ID, Name: "Luleå MedSense AB"}
	must(st.CreateCase(as("olga"), cs))
	text := "Interviewer: What happened?\nAnna: We failed at the trade fair 👍 and learned."
	doc := &coding.Document{ProjectID: p.ID, Title: "Founder", CaseID: cs.ID, Text: text, Turns: []coding.Turn{
		{Speaker: "Interviewer", Start: 13, End: 27}, {Speaker: "Anna", Start: 34, End: coding.RuneLen(text)}}}
	must(st.CreateDocument(as("olga"), doc))
	doc2 := &coding.Document{ProjectID: p.ID, Title: "Sales", Text: "Bo: Hi from Luleå", Turns: []coding.Turn{{Speaker: "Bo", Start: 4, End: 17}}}
	must(st.CreateDocument(as("olga"), doc2))
	informant := &coding.Informant{ProjectID: p.ID, CaseID: cs.ID, Pseudonym: "Aino"}
	must(st.CreateInformant(as("olga"), informant))
	informant2 := &coding.Informant{ProjectID: p.ID}
	must(st.CreateInformant(as("olga"), informant2))
	dim := &coding.Code{ProjectID: p.ID, Name: "Learning", Level: coding.LevelDimension}
	must(st.CreateCode(as("olga"), dim))
	theme := &coding.Code{ProjectID: p.ID, Name: "Experiential", Level: coding.LevelTheme, ParentID: dim.ID}
	must(st.CreateCode(as("olga"), theme))
	concept := &coding.Code{ProjectID: p.ID, Name: "Trade fair", Level: coding.LevelConcept, ParentID: theme.ID}
	must(st.CreateCode(as("olga"), concept))
	concept2 := &coding.Code{ProjectID: p.ID, Name: "Failure", Level: coding.LevelConcept, ParentID: theme.ID}
	must(st.CreateCode(as("olga"), concept2))
	facet := &coding.Facet{ProjectID: p.ID, Name: "Type of learning", Values: []string{"experiential", "vicarious"}}
	must(st.CreateFacet(as("olga"), facet))
	q := &coding.Quote{ProjectID: p.ID, DocumentID: doc.ID, Start: 28, End: 50, CodeIDs: []string{concept.ID}, Coder: "cora"}
	must(st.CreateQuote(as("cora"), q))
	es, err := st.ListAudit(context.Background(), p.ID, coding.AuditFilter{Limit: 1})
	must(err)
	q2 := &coding.Quote{ProjectID: p.ID, DocumentID: doc.ID, Start: 30, End: 50, CodeIDs: []string{concept.ID}, Coder: "olga"}
	must(st.CreateQuote(as("olga"), q2))
	m := &coding.Memo{ProjectID: p.ID, TargetType: coding.MemoProject, Title: "Plan", Body: "First *pass*", Author: "cora"}
	must(st.CreateMemo(as("cora"), m))
	_, err = st.SetAssignments(as("olga"), p.ID, []string{doc.ID}, []string{"cora", "olga"}, true)
	must(err)
	round := &coding.Round{ProjectID: p.ID, Name: "Open coding"}
	must(st.CloseRound(as("olga"), round))
	must(st.PutTablePreset(as("olga"), &coding.TablePreset{ProjectID: p.ID, Name: "Journal", Options: []byte(`{"style":"apa"}`)}))
	set := &coding.Set{ProjectID: p.ID, Name: "Founders", DocumentIDs: []string{doc.ID}}
	must(st.CreateSet(as("olga"), set))
	model := &coding.Model{ProjectID: p.ID, Name: "Process model", Boxes: []coding.ModelBox{{ID: "b1", CodeID: dim.ID, X: 0, Y: 0, W: 120, H: 40}}}
	must(st.CreateModel(as("olga"), model))
	return map[string]string{
		"pid": p.ID, "case": cs.ID, "doc": doc.ID, "doc2": doc2.ID, "theme": theme.ID,
		"concept": concept.ID, "concept2": concept2.ID, "facet": facet.ID, "quote": q.ID,
		"memo": m.ID, "seq": strconv.FormatUint(es[0].Seq, 10), "round": round.ID,
		"informant": informant.ID, "informant2": informant2.ID,
		"set":   set.ID,
		"model": model.ID,
	}
}

// TestTeamDocsMatrix checks that docs/team.md prints the route and role
// matrix the server applies.
func TestTeamDocsMatrix(t *testing.T) {
	src, err := os.ReadFile("../docs/team.md")
	if err != nil {
		t.Fatal(err)
	}
	_, matrix, ok := strings.Cut(string(src), "## Route and role matrix")
	if !ok {
		t.Fatal("docs/team.md has no route and role matrix")
	}
	row := regexp.MustCompile("(?m)^\\| `([A-Z]+ [^`]+)` \\| (\\w+)( \\(coders: own\\))? \\|")
	got := map[string]string{}
	for _, m := range row.FindAllStringSubmatch(matrix, -1) {
		perm := m[2]
		if m[3] != "" {
			perm += "/own"
		}
		got[m[1]] = perm
	}
	if diff := cmp.Diff(wantPerms, got); diff != "" {
		t.Errorf("docs/team.md's matrix differs from the server's (-server +docs):\n%s", diff)
	}
}
