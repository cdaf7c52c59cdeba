package e2e_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// modelJSON is the part of a model the browser tests check.
type modelJSON struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Boxes []struct {
		ID      string  `json:"id"`
		CodeID  string  `json:"code_id"`
		FrameID string  `json:"frame_id"`
		X       float64 `json:"x"`
		Y       float64 `json:"y"`
		Label   string  `json:"label"`
	} `json:"boxes"`
	Frames []struct {
		ID string `json:"id"`
	} `json:"frames"`
	Arrows []struct {
		From  string `json:"from"`
		To    string `json:"to"`
		Label string `json:"label"`
		Style string `json:"style"`
	} `json:"arrows"`
}

// drag drags the element at selector by dx, dy with the mouse, pressing
// it at the point (ox, oy) from its top left corner.
func drag(t *testing.T, b *browser, what, selector string, ox, oy, dx, dy float64) {
	t.Helper()
	at := eval[[]float64](t, b, fmt.Sprintf(`(() => { const r = document.querySelector(%q).getBoundingClientRect(); return [r.left, r.top]; })()`, selector))
	x, y := at[0]+ox, at[1]+oy
	b.do(t, what,
		chromedp.MouseEvent(chromedp.MouseMoved, x, y),
		chromedp.MouseEvent(chromedp.MousePressed, x, y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
		chromedp.MouseEvent(chromedp.MouseMoved, x+dx/2, y+dy/2, chromedp.ButtonLeft),
		chromedp.MouseEvent(chromedp.MouseMoved, x+dx, y+dy, chromedp.ButtonLeft),
		chromedp.MouseEvent(chromedp.MouseReleased, x+dx, y+dy, chromedp.ButtonLeft, chromedp.ClickCount(1)),
	)
}

// waitModel polls the project's only model until ok accepts it.
func waitModel(t *testing.T, a *app, pid, what string, ok func(m modelJSON) bool) modelJSON {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		var ms []modelJSON
		apiCall(t, a, "GET", "/projects/"+pid+"/models", nil, &ms)
		if len(ms) == 1 && ok(ms[0]) {
			return ms[0]
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: got models %+v", what, ms)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestModelCanvas draws a model as a person does: names a new model, adds
// two boxes picked from the codebook and a frame, draws an arrow from one
// box to the other, drags a box into the frame and the frame with it,
// moves the second box with the arrow keys (Shift for a
// big step), labels and restyles the arrow, and finds it all kept after
// a reload; deletes a box and
// undoes that. A second tab sees the
// move without reloading, and a renamed code renames its box in both.
func TestModelCanvas(t *testing.T) {
	a := startApp(t)
	b := newBrowser(t)
	screenshotsOnFailure(t, b, nil, nil)
	var p, dim, theme struct{ ID string }
	apiCall(t, a, "POST", "/projects", map[string]string{"name": "Model study"}, &p)
	base := "/projects/" + p.ID
	apiCall(t, a, "POST", base+"/codes", map[string]string{"name": "Entrepreneurial learning", "level": "dimension"}, &dim)
	apiCall(t, a, "POST", base+"/codes", map[string]string{"name": "Partners abroad", "level": "theme", "parent_id": dim.ID}, &theme)

	b.do(t, "open the models", chromedp.Navigate(a.URL+"/p/"+p.ID), chromedp.Click(chromedp.CSS(`nav.nav a[href$="/models"]`)))
	b.do(t, "name a new model", chromedp.Click(chromedp.CSS(`input[aria-label="New model name"]`)), chromedp.KeyEvent("Process model"),
		chromedp.Click(chromedp.CSS(`.model-new button[type=submit]`)))
	b.waitJS(t, "the empty canvas", `!!document.querySelector('.model-canvas')`)

	// Two boxes picked from the codebook, and a frame.
	for _, c := range []struct{ typed, id string }{{"entrepreneurial", dim.ID}, {"partners", theme.ID}} {
		b.do(t, "add a code box", chromedp.Click(chromedp.CSS(`.model-toolbar button:first-child`)))
		b.waitJS(t, "the code picker", `!!document.querySelector('dialog[open] .picker-input')`)
		b.do(t, "pick "+c.typed, chromedp.KeyEvent(c.typed))
		b.waitJS(t, "the choice", `!!document.querySelector('dialog[open] .picker-list li')`)
		b.do(t, "take it", chromedp.KeyEvent(kb.Enter))
		b.waitJS(t, "its box", fmt.Sprintf(`!!document.querySelector('.model-box[data-code=%q]')`, c.id))
	}
	b.do(t, "add a frame", chromedp.Click(chromedp.CSS(`.model-toolbar button:nth-child(3)`)))
	b.waitJS(t, "the frame", `document.querySelectorAll('.model-frame').length === 1`)

	// An arrow from the first box to the second.
	first := fmt.Sprintf(`.model-box[data-code=%q]`, dim.ID)
	second := fmt.Sprintf(`.model-box[data-code=%q]`, theme.ID)
	b.do(t, "select the first box", chromedp.Click(chromedp.CSS(first)))
	b.do(t, "start an arrow", chromedp.Click(chromedp.CSS(`.model-toolbar button[aria-pressed]`)))
	b.waitJS(t, "arrow mode", `!!document.querySelector('.model-hint')`)
	b.do(t, "end it on the second box", chromedp.Click(chromedp.CSS(second)))
	b.waitJS(t, "the arrow", `document.querySelectorAll('.model-arrow').length === 1`)

	// The first box, dragged into the frame, snaps to the grid and joins
	// the frame; dragging the frame by its label takes the box along.
	drag(t, b, "drag the first box into the frame", first, 20, 20, 203, 247)
	drag(t, b, "drag the frame", ".model-frame", 150, 10, 30, 20)
	saved := waitModel(t, a, p.ID, "boxes, frame and arrow saved", func(m modelJSON) bool {
		return len(m.Boxes) == 2 && len(m.Frames) == 1 && len(m.Arrows) == 1 && m.Boxes[0].X == 270
	})
	if box := saved.Boxes[0]; box.X != 270 || box.Y != 310 || box.FrameID != saved.Frames[0].ID {
		t.Errorf("got the first box at %v, %v in frame %q; want 270, 310 in %s", box.X, box.Y, box.FrameID, saved.Frames[0].ID)
	}

	// The second box moves 3 small steps right and one big step down.
	x0, y0 := saved.Boxes[1].X, saved.Boxes[1].Y
	if saved.Arrows[0].From != saved.Boxes[0].ID || saved.Arrows[0].To != saved.Boxes[1].ID {
		t.Errorf("got arrow %+v, want from %s to %s", saved.Arrows[0], saved.Boxes[0].ID, saved.Boxes[1].ID)
	}

	// A second tab on the same model sees what happens next.
	other := newBrowser(t)
	other.do(t, "open the model in a second tab", chromedp.Navigate(a.URL+"/p/"+p.ID+"/models/"+saved.ID))
	other.waitJS(t, "the boxes in the second tab", `document.querySelectorAll('.model-box').length === 2`)

	b.do(t, "select the second box", chromedp.Click(chromedp.CSS(second)))
	arrowRight := []rune(kb.ArrowRight)[0]
	b.do(t, "move it", shortcut(arrowRight), shortcut(arrowRight), shortcut(arrowRight),
		shortcut([]rune(kb.ArrowDown)[0], chromedp.ModifierShift))
	wantLeft, wantTop := fmt.Sprintf("%gpx", x0+30), fmt.Sprintf("%gpx", y0+50)
	moved := fmt.Sprintf(`(() => { const e = document.querySelector(%q); return e && e.style.left === %q && e.style.top === %q; })()`, second, wantLeft, wantTop)
	b.waitJS(t, "the box moved", moved)
	waitModel(t, a, p.ID, "the move saved", func(m modelJSON) bool { return m.Boxes[1].X == x0+30 && m.Boxes[1].Y == y0+50 })
	other.waitJS(t, "the move in the second tab", moved)

	// ] selects the next item, the arrow: it gets a label and a style.
	b.do(t, "select the arrow", shortcut(']'))
	b.waitJS(t, "the arrow's inspector", `!!document.querySelector('.model-inspector select')`)
	b.do(t, "label it", chromedp.Click(chromedp.CSS(`.model-inspector input`)), chromedp.KeyEvent("drives"))
	choose(t, b, `.model-inspector select`, "feedback")
	waitModel(t, a, p.ID, "the arrow's label and style saved", func(m modelJSON) bool {
		return len(m.Arrows) == 1 && m.Arrows[0].Label == "drives" && m.Arrows[0].Style == "feedback"
	})

	// From the keyboard alone: Shift+Tab back to the canvas, [ selects the
	// second box, A starts an arrow, [ [ selects the frame, Enter ends the
	// arrow there.
	b.do(t, "back to the canvas", chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift)))
	b.waitJS(t, "the canvas focused", `document.activeElement === document.querySelector('.model-canvas')`)
	b.do(t, "draw an arrow with the keyboard", shortcut('['), shortcut('a'), shortcut('['), shortcut('['), shortcut('\r'))
	waitModel(t, a, p.ID, "the second arrow saved", func(m modelJSON) bool {
		return len(m.Arrows) == 2 && m.Arrows[1].From == m.Boxes[1].ID && m.Arrows[1].To == m.Frames[0].ID
	})

	b.do(t, "reload", chromedp.Reload())
	b.waitJS(t, "everything kept after the reload", moved+` && document.querySelectorAll('.model-frame').length === 1 && document.querySelectorAll('.model-arrow').length === 2`+
		` && document.querySelector('.model-arrow[data-style=feedback] text').textContent === 'drives'`)

	// Delete removes the first box with its arrow; Ctrl+Z brings both back.
	b.do(t, "select the first box", chromedp.Click(chromedp.CSS(first)))
	b.do(t, "delete it", shortcut(rune(kb.Delete[0])))
	b.waitJS(t, "box and arrow gone", `document.querySelectorAll('.model-box').length === 1 && document.querySelectorAll('.model-arrow').length === 1`)
	waitModel(t, a, p.ID, "the deletion saved", func(m modelJSON) bool { return len(m.Boxes) == 1 && len(m.Arrows) == 1 })
	b.do(t, "undo", shortcut('z', chromedp.ModifierCtrl))
	b.waitJS(t, "box and arrow back", `document.querySelectorAll('.model-box').length === 2 && document.querySelectorAll('.model-arrow').length === 2`)

	// Renaming a code renames its box, in both tabs.
	apiCall(t, a, "PATCH", base+"/codes/"+theme.ID, map[string]string{"name": "Learning from partners abroad"}, nil)
	renamed := fmt.Sprintf(`(document.querySelector(%q) || {}).textContent === 'Learning from partners abroad'`, second+" .model-box-text")
	b.waitJS(t, "the renamed box", renamed)
	other.waitJS(t, "the renamed box in the second tab", renamed)
	if errs := b.pageErrors(); len(errs) > 0 {
		t.Errorf("page errors: %v", errs)
	}
}

// TestModelGeometry checks the canvas's snapping and alignment: a box
// dragged near another's edge or centre meets it and shows the guide,
// one far from everything lands on the grid, and a box belongs to the
// smallest frame holding its centre.
func TestModelGeometry(t *testing.T) {
	a := startApp(t)
	b := newBrowser(t)
	b.do(t, "load the app", chromedp.Navigate(a.URL+"/"))
	type result struct {
		Near  []float64 `json:"near"`
		Guide []string  `json:"guide"`
		Far   []float64 `json:"far"`
		Frame string    `json:"frame"`
		Loose string    `json:"loose"`
	}
	got := runModule[result](t, b, "/js/models/geometry.js", `
		const other = { x: 100, y: 100, w: 200, h: 60 };
		const near = m.align({ x: 104, y: 300, w: 120, h: 40 }, [other]);
		const far = m.align({ x: 513, y: 787, w: 120, h: 40 }, [other]);
		const frames = [{ id: 'big', x: 0, y: 0, w: 1000, h: 1000 }, { id: 'small', x: 50, y: 50, w: 300, h: 200 }];
		return {
			near: [near.x, near.y], guide: near.guides.map((g) => g.axis + g.at),
			far: [far.x, far.y],
			frame: m.frameAt({ x: 100, y: 100, w: 40, h: 40 }, frames),
			loose: m.frameAt({ x: 2000, y: 100, w: 40, h: 40 }, frames),
		};`)
	if got.Near[0] != 100 || got.Near[1] != 300 || len(got.Guide) != 1 || got.Guide[0] != "x100" {
		t.Errorf("near another box: got %v with guides %v, want x 100 (its left edge) and y 300 with the guide x100", got.Near, got.Guide)
	}
	if got.Far[0] != 510 || got.Far[1] != 790 {
		t.Errorf("far from others: got %v, want the grid point 510, 790", got.Far)
	}
	if got.Frame != "small" || got.Loose != "" {
		t.Errorf("frames: got %q and %q, want small and none", got.Frame, got.Loose)
	}
}
