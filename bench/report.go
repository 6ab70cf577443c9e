package bench

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// The three columns of measurements. For the network rows they are the
// three echo servers; for start-up the third is lua5.1 and for the CPU
// benchmark it is plain gopher-lua, as each row's name says.
const (
	NetluaCol = "netlua"
	PythonCol = "python"
	BaseCol   = "go"
)

var columns = []string{NetluaCol, PythonCol, BaseCol}

// A Target is one of issue 6's goals for a row, on its median.
type Target struct {
	Against string  // PythonCol or BaseCol: a ratio netlua ÷ that column; "" for an absolute bound on netlua
	AtLeast bool    // the value (ratio or absolute) must be >= Value; otherwise <= Value
	Value   float64 // the bound
}

func (t Target) String() string {
	op := "≤"
	if t.AtLeast {
		op = "≥"
	}
	switch t.Against {
	case "":
		return fmt.Sprintf("%s %g", op, t.Value)
	case PythonCol:
		return fmt.Sprintf("%s %g× Python", op, t.Value)
	default:
		return fmt.Sprintf("%s %g× baseline", op, t.Value)
	}
}

// A Row is one line of the table: samples per column, medians taken at the end.
type Row struct {
	Name    string
	Unit    string // printed after each value
	Digits  int    // decimals to print
	Targets []Target

	samples map[string][]float64
	errs    map[string]string
	absent  map[string]string // why a column has no value ("not installed")
}

// Add records one sample for a column.
func (r *Row) Add(col string, v float64) { r.samples[col] = append(r.samples[col], v) }

// Fail records that a run of a column failed; the error is shown in the table.
func (r *Row) Fail(col string, err error) {
	if _, seen := r.errs[col]; !seen {
		r.errs[col] = err.Error()
	}
}

// Absent marks a column that cannot be measured, with the reason.
func (r *Row) Absent(col, why string) { r.absent[col] = why }

// Median is the median of a column's samples (NaN with none).
func (r *Row) Median(col string) float64 { return median(r.samples[col]) }

// Samples is a column's samples in the order they were taken.
func (r *Row) Samples(col string) []float64 { return r.samples[col] }

// Err is the first error a column met ("" if none).
func (r *Row) Err(col string) string { return r.errs[col] }

// Ratio is netlua's median over col's median.
func (r *Row) Ratio(col string) float64 { return r.Median(NetluaCol) / r.Median(col) }

// Met reports whether every target holds (false if one cannot be computed).
func (r *Row) Met() bool {
	for _, t := range r.Targets {
		if !r.meets(t) {
			return false
		}
	}
	return true
}

func (r *Row) meets(t Target) bool {
	if r.errs[NetluaCol] != "" {
		return false
	}
	v := r.Median(NetluaCol)
	if t.Against != "" {
		v = r.Ratio(t.Against)
	}
	if math.IsNaN(v) {
		return false
	}
	if t.AtLeast {
		return v >= t.Value
	}
	return v <= t.Value
}

// A Report is the table: rows in the order they were declared.
type Report struct {
	Rows  []*Row
	Notes []string
}

// NewRow appends a row to the report.
func (rep *Report) NewRow(name, unit string, digits int, targets ...Target) *Row {
	r := &Row{Name: name, Unit: unit, Digits: digits, Targets: targets,
		samples: make(map[string][]float64), errs: make(map[string]string), absent: make(map[string]string)}
	rep.Rows = append(rep.Rows, r)
	return r
}

// Row finds a row by name (nil if none).
func (rep *Report) Row(name string) *Row {
	for _, r := range rep.Rows {
		if r.Name == name {
			return r
		}
	}
	return nil
}

// Markdown renders the table and the notes under it.
func (rep *Report) Markdown() string {
	var b strings.Builder
	b.WriteString("| Scenario | netlua | Python 3 | Go / baseline | netlua ÷ Python | netlua ÷ baseline | Target | Met |\n")
	b.WriteString("|---|--:|--:|--:|--:|--:|---|:-:|\n")
	for _, r := range rep.Rows {
		cells := []string{r.Name}
		for _, c := range columns {
			cells = append(cells, r.cell(c))
		}
		for _, c := range []string{PythonCol, BaseCol} {
			ratio := r.Ratio(c)
			if math.IsNaN(ratio) || math.IsInf(ratio, 0) {
				cells = append(cells, "—")
			} else {
				cells = append(cells, fmt.Sprintf("%.2f×", ratio))
			}
		}
		var ts []string
		for _, t := range r.Targets {
			s := t.String()
			if t.Against == "" {
				s += " " + r.Unit
			}
			ts = append(ts, s)
		}
		met := ""
		if len(r.Targets) > 0 {
			met = "no"
			if r.Met() {
				met = "yes"
			}
		}
		cells = append(cells, strings.Join(ts, ", "), met)
		b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
	}
	for _, n := range rep.Notes {
		b.WriteString("\n" + n + "\n")
	}
	return b.String()
}

func (r *Row) cell(col string) string {
	if why, ok := r.absent[col]; ok {
		return why
	}
	if e := r.errs[col]; e != "" {
		if len(e) > 60 {
			e = e[:60] + "…"
		}
		e = strings.ReplaceAll(e, "|", "/")
		if len(r.samples[col]) == 0 {
			return "failed: " + e
		}
		return fmt.Sprintf("%.*f %s (failed once: %s)", r.Digits, r.Median(col), r.Unit, e)
	}
	if len(r.samples[col]) == 0 {
		return "—"
	}
	return fmt.Sprintf("%.*f %s", r.Digits, r.Median(col), r.Unit)
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
