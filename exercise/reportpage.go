package exercise

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

//go:embed report.html
var reportTemplate string

// report reads the results of a class (the output of check --format json,
// one file per student, each holding one result or the list that --all
// writes) and writes a self-contained HTML page: a grid of students by
// exercises, and each exercise's pass rate as a bar.
func report(w io.Writer, files []string, out string) error {
	page, err := readClass(files)
	if err != nil {
		return err
	}
	tmpl, err := template.New("report").Funcs(template.FuncMap{
		"barY":       func(i int) int { return i * 24 },
		"barsHeight": func(n int) int { return n*24 + 4 },
	}).Parse(reportTemplate)
	if err != nil {
		return err
	}
	var b strings.Builder
	if err := tmpl.Execute(&b, page); err != nil {
		return err
	}
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(w, "wrote %s: %d students, %d exercises\n", out, len(page.Students), len(page.Exercises))
	return nil
}

// classPage is what report.html shows.
type classPage struct {
	Generated string
	Exercises []exerciseColumn
	Students  []studentRow
}

type exerciseColumn struct {
	Name         string
	Passed, Seen int // students who passed it, students with a result for it
	Percent      int // of all students
	BarX         int // the bar's length in the chart, in pixels
}

type studentRow struct {
	Name   string
	Passed int
	Cells  []cell
}

// A cell is one student's result for one exercise.
type cell struct {
	Class string // "pass", "fail" or "missing": the colour
	Label string // what the cell says
	Note  string // the message shown on hover
}

// readClass reads every file into one page.
func readClass(files []string) (*classPage, error) {
	results := map[string]map[string]Report{} // student -> exercise -> report
	exercises := map[string]bool{}
	for _, path := range files {
		reports, err := readResults(path)
		if err != nil {
			return nil, err
		}
		for _, r := range reports {
			student := r.Student
			if student == "" {
				student = studentFromPath(path)
			}
			if results[student] == nil {
				results[student] = map[string]Report{}
			}
			results[student][r.Exercise] = r
			exercises[r.Exercise] = true
		}
	}
	page := &classPage{Generated: time.Now().Format("2006-01-02 15:04")}
	var names []string
	for name := range exercises {
		names = append(names, name)
	}
	sort.Strings(names)
	var students []string
	for s := range results {
		students = append(students, s)
	}
	sort.Strings(students)
	for _, s := range students {
		row := studentRow{Name: s}
		for _, ex := range names {
			r, ok := results[s][ex]
			switch {
			case !ok:
				row.Cells = append(row.Cells, cell{Class: "missing", Label: "—", Note: ex + ": no result"})
			case r.Passed:
				row.Passed++
				row.Cells = append(row.Cells, cell{Class: "pass", Label: "✔", Note: fmt.Sprintf("%s: passed in %.1f s", ex, r.DurationS)})
			default:
				note := ex + ": " + r.Message
				if r.Hint != "" {
					note += "\nhint: " + r.Hint
				}
				row.Cells = append(row.Cells, cell{Class: "fail", Label: "✘", Note: note})
			}
		}
		page.Students = append(page.Students, row)
	}
	for i, ex := range names {
		col := exerciseColumn{Name: ex}
		for _, row := range page.Students {
			switch row.Cells[i].Class {
			case "pass":
				col.Passed++
				col.Seen++
			case "fail":
				col.Seen++
			}
		}
		if n := len(page.Students); n > 0 {
			col.Percent = col.Passed * 100 / n
		}
		col.BarX = col.Percent * 3
		page.Exercises = append(page.Exercises, col)
	}
	return page, nil
}

// readResults reads one file: a single result, or a list of them.
func readResults(path string) ([]Report, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var list []Report
	if err := json.Unmarshal(b, &list); err == nil {
		return checkResults(path, list)
	}
	var one Report
	if err := json.Unmarshal(b, &one); err != nil {
		return nil, fmt.Errorf("%s is not a result of check --format json: %v", path, err)
	}
	return checkResults(path, []Report{one})
}

func checkResults(path string, list []Report) ([]Report, error) {
	for _, r := range list {
		if r.Exercise == "" {
			return nil, fmt.Errorf("%s: a result without an \"exercise\" field", path)
		}
	}
	return list, nil
}

// studentFromPath names a student by the file (alice.json) or, for files
// named results.json, by their folder (alice/results.json).
func studentFromPath(path string) string {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	if base == "results" || base == "result" {
		if dir := filepath.Base(filepath.Dir(path)); dir != "." && dir != string(filepath.Separator) {
			return dir
		}
	}
	return base
}
