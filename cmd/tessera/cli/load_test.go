package cli_test

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// loadConfig is the team the load test models; TESSERA_LOAD_* variables
// change it.
type loadConfig struct {
	coders, searchers int
	duration          time.Duration
	autocode          bool // one researcher auto-codes a word every 5 s
	seed              uint64
	profile           string // a directory for the server's profiles, or ""
}

func loadConfigFromEnv(t testing.TB) loadConfig {
	t.Helper()
	num := func(name string, def int) int {
		t.Helper()
		v := os.Getenv(name)
		if v == "" {
			return def
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			t.Fatalf("%s=%q: want a whole number", name, v)
		}
		return n
	}
	seed := uint64(num("TESSERA_LOAD_SEED", 0))
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	return loadConfig{
		coders:    num("TESSERA_LOAD_CODERS", 50),
		searchers: num("TESSERA_LOAD_SEARCHERS", 10),
		duration:  time.Duration(num("TESSERA_LOAD_SECONDS", 30)) * time.Second,
		autocode:  os.Getenv("TESSERA_LOAD_AUTOCODE") == "1",
		seed:      seed,
		profile:   os.Getenv("TESSERA_LOAD_PROFILE"),
	}
}

// latencies collects request times per kind of request.
type latencies struct {
	mu     sync.Mutex
	times  map[string][]time.Duration
	errors map[string]int
	first  map[string]string
}

func (l *latencies) add(kind string, d time.Duration, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err != nil {
		l.errors[kind]++
		if l.first[kind] == "" {
			l.first[kind] = err.Error()
		}
		return
	}
	l.times[kind] = append(l.times[kind], d)
}

// quantile returns the p quantile of the times of kind, or 0 when there
// are none.
func (l *latencies) quantile(kind string, p float64) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	ds := slices.Clone(l.times[kind])
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	return quantileOf(ds, p)
}

// quantileOf returns the p quantile of sorted, which is not empty.
func quantileOf(sorted []time.Duration, p float64) time.Duration {
	return sorted[min(len(sorted)-1, int(p*float64(len(sorted))))]
}

// report writes p50, p95, p99 and max per kind.
func (l *latencies) report() string {
	var b strings.Builder
	fmt.Fprintf(&b, "| request | n | p50 | p95 | p99 | max | p99/p50 |\n|---|---|---|---|---|---|---|\n")
	kinds := make([]string, 0, len(l.times))
	for k := range l.times {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		ds := slices.Clone(l.times[k])
		slices.Sort(ds)
		q := func(p float64) time.Duration { return quantileOf(ds, p) }
		ms := func(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
		fmt.Fprintf(&b, "| %s | %d | %s | %s | %s | %s | %.1fx |\n", k, len(ds), ms(q(0.5)), ms(q(0.95)), ms(q(0.99)), ms(ds[len(ds)-1]), float64(q(0.99))/float64(max(q(0.5), 1)))
	}
	return b.String()
}

// procStatus reads a field of /proc/PID/status in kB.
func procStatus(pid int, field string) int {
	data, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "status"))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return n
		}
	}
	return 0
}

// searchWords are the searches of the searchers: words, phrases, a
// prefix and a boolean query from the sample study.
var searchWords = []string{"customers", `"trade fair"`, "failure", "learn*", "pilot", "mistakes", "board", "investors +growth", "team", "market"}

// BenchmarkTeamLoad models a team against the real server on loopback:
// coders create, change and delete quotes about once a second each,
// searchers search about once a second each, and optionally one
// researcher auto-codes a word every 5 s. It prints p50, p95 and p99 per
// kind of request, per search query, and the server's memory, and reports
// the medians, p99s and their ratios for creates and searches as metrics.
// Run it with
//
//	go test -run '^$' -bench BenchmarkTeamLoad ./cmd/tessera/cli/
//
// and TESSERA_LOAD_CODERS, _SEARCHERS, _SECONDS, _AUTOCODE=1 and _SEED to
// change the team. TESSERA_LOAD_PROFILE=DIR writes the server's CPU,
// mutex and block profiles of the run and an execution trace of 5 s of
// it to DIR (see profileServer). One run takes the whole benchmark,
// whatever b.N asks.
func BenchmarkTeamLoad(b *testing.B) {
	lat := teamLoad(b)
	for _, k := range []struct{ kind, name string }{{"create quote", "create"}, {"search", "search"}} {
		p50, p99 := lat.quantile(k.kind, 0.5), lat.quantile(k.kind, 0.99)
		b.ReportMetric(float64(p50.Microseconds())/1000, k.name+"-p50-ms")
		b.ReportMetric(float64(p99.Microseconds())/1000, k.name+"-p99-ms")
		b.ReportMetric(float64(p99)/float64(max(p50, 1)), k.name+"-p99/p50")
	}
}

// teamLoad runs the team of BenchmarkTeamLoad and returns its latencies.
func teamLoad(t testing.TB) *latencies {
	cfg := loadConfigFromEnv(t)
	data := importSample(t)
	var env []string
	pprofAddr := ""
	if cfg.profile != "" {
		pprofAddr = freeAddr(t)
		env = append(env, "TESSERA_SERVE_PPROF="+pprofAddr)
	}
	srv := startCrashable(t, data, env...)
	pid := srv.cmd.Process.Pid

	// The project, its documents with their lengths and its concepts.
	var projects []struct{ ID string }
	mustSend(t, "GET", srv.url+"/projects", nil, &projects)
	base := srv.url + "/projects/" + projects[0].ID
	var docs []struct {
		ID     string
		Length int
	}
	mustSend(t, "GET", base+"/documents", nil, &docs)
	var codes []struct{ ID, Level string }
	mustSend(t, "GET", base+"/codes", nil, &codes)
	var concepts []string
	for _, c := range codes {
		if c.Level == "concept" {
			concepts = append(concepts, c.ID)
		}
	}
	if len(docs) == 0 || len(concepts) < 2 {
		t.Fatalf("got %d documents and %d concepts, want the sample study", len(docs), len(concepts))
	}

	lat := &latencies{times: map[string][]time.Duration{}, errors: map[string]int{}, first: map[string]string{}}
	byQuery := &latencies{times: map[string][]time.Duration{}, errors: map[string]int{}, first: map[string]string{}}
	timed := func(kind, method, u string, v, out any) bool {
		start := time.Now()
		_, err := send(method, u, v, out)
		lat.add(kind, time.Since(start), err)
		return err == nil
	}
	end := time.Now().Add(cfg.duration)
	// pace waits a human interval: 0.5 to 1.5 s, 1 s on average.
	pace := func(rng *rand.Rand, mean time.Duration) bool {
		d := mean/2 + time.Duration(rng.Int64N(int64(mean)))
		if time.Now().Add(d).After(end) {
			return false
		}
		time.Sleep(d)
		return true
	}

	var wg sync.WaitGroup
	for n := range cfg.coders {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(cfg.seed, uint64(n)))
			var mine []string
			for pace(rng, time.Second) {
				switch r := rng.Float64(); {
				case len(mine) < 3 || r < 0.6:
					d := docs[rng.IntN(len(docs))]
					size := 30 + rng.IntN(300)
					start := rng.IntN(max(d.Length-size, 1))
					var q struct{ ID string }
					if timed("create quote", "POST", base+"/quotes", map[string]any{
						"document_id": d.ID, "start": start, "end": min(start+size, d.Length),
						"code_ids": []string{concepts[rng.IntN(len(concepts))]},
					}, &q) {
						mine = append(mine, q.ID)
					}
				case r < 0.85:
					qid := mine[rng.IntN(len(mine))]
					timed("change quote", "PATCH", base+"/quotes/"+qid, map[string]any{
						"code_ids": []string{concepts[rng.IntN(len(concepts))], concepts[rng.IntN(len(concepts))]},
					}, nil)
				default:
					i := rng.IntN(len(mine))
					if timed("delete quote", "DELETE", base+"/quotes/"+mine[i], nil, nil) {
						mine = slices.Delete(mine, i, i+1)
					}
				}
			}
		})
	}
	for n := range cfg.searchers {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(cfg.seed, uint64(1000+n)))
			for pace(rng, time.Second) {
				word := searchWords[rng.IntN(len(searchWords))]
				q := url.Values{"q": {word}, "limit": {"50"}}
				start := time.Now()
				_, err := send("GET", base+"/search?"+q.Encode(), nil, nil)
				d := time.Since(start)
				lat.add("search", d, err)
				if err == nil {
					byQuery.add("search "+word, d, nil)
				}
			}
		})
	}
	if cfg.autocode {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(cfg.seed, 2000))
			for pace(rng, 5*time.Second) {
				timed("auto-code", "POST", base+"/search/code", map[string]any{
					"query": searchWords[rng.IntN(len(searchWords))], "code_id": concepts[rng.IntN(len(concepts))], "extend": "sentence",
				}, nil)
			}
		})
	}
	// The server's memory, sampled while the team works.
	peakRSS := 0
	done := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		tick := time.NewTicker(250 * time.Millisecond)
		defer tick.Stop()
		for {
			peakRSS = max(peakRSS, procStatus(pid, "VmRSS"))
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	var profiled sync.WaitGroup
	if pprofAddr != "" {
		profiled.Go(func() { profileServer(t, pprofAddr, cfg.profile, cfg.duration) })
	}
	wg.Wait()
	close(done)
	<-sampled
	profiled.Wait()

	// Printed, not logged: the testing package keeps only ten lines of a
	// benchmark's log.
	fmt.Printf("%d coders, %d searchers, auto-coding %v, %v, seed %d\n\n%s\nsearches by query:\n\n%s\nserver memory: peak RSS sampled %.0f MB, VmHWM %.0f MB\n",
		cfg.coders, cfg.searchers, cfg.autocode, cfg.duration, cfg.seed, lat.report(), byQuery.report(),
		float64(peakRSS)/1024, float64(procStatus(pid, "VmHWM"))/1024)
	for kind, n := range lat.errors {
		t.Errorf("%s: %d requests failed, the first with %s", kind, n, lat.first[kind])
	}
	return lat
}

// freeAddr returns a loopback address with a port that was free a moment
// ago.
func freeAddr(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// profileServer saves the load test server's profiles in dir: a CPU
// profile of the run but its first and last two seconds (cpu.pprof), an
// execution trace of 5 s from its middle (trace.out), and the mutex and
// block profiles of the run up to then (mutex.pprof, block.pprof). Read them
// with `go tool pprof` and `go tool trace`.
func profileServer(t testing.TB, addr, dir string, run time.Duration) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Error(err)
		return
	}
	save := func(name, path string) {
		res, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Errorf("profile %s: %v", name, err)
			return
		}
		defer res.Body.Close()
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Error(err)
			return
		}
		defer f.Close()
		if _, err := io.Copy(f, res.Body); err != nil {
			t.Errorf("profile %s: %v", name, err)
		}
	}
	seconds := int(run/time.Second) - 4
	if seconds < 1 {
		t.Errorf("TESSERA_LOAD_PROFILE needs a run of at least 5 s")
		return
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		time.Sleep(2 * time.Second)
		save("cpu.pprof", fmt.Sprintf("/debug/pprof/profile?seconds=%d", seconds))
	})
	if seconds >= 5 {
		wg.Go(func() {
			time.Sleep(run/2 - 2500*time.Millisecond)
			save("trace.out", "/debug/pprof/trace?seconds=5")
		})
	}
	wg.Wait()
	save("mutex.pprof", "/debug/pprof/mutex")
	save("block.pprof", "/debug/pprof/block")
}
