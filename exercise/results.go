package exercise

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"

	"netlua/interp"
)

// A Report is one check's result as the machine-readable formats write it:
// `check --format json|junit|tap`, and the input of `exercise report`.
type Report struct {
	Exercise      string  `json:"exercise"`
	File          string  `json:"file"`
	Passed        bool    `json:"passed"`
	Message       string  `json:"message"`
	Hint          string  `json:"hint"`
	DurationS     float64 `json:"duration_s"`
	NetluaVersion string  `json:"netlua_version"`
	Seed          int64   `json:"seed,omitempty"`
	Steps         []Step  `json:"steps"`
	// Student is not written by check: a teacher's collection of results
	// may add it, and `exercise report` reads it (else the file's name).
	Student string `json:"student,omitempty"`
}

// A Step is one part of a check, named by the checker with check.step.
// Steps after a failure did not run and are not listed.
type Step struct {
	Name    string `json:"name"`
	Passed  bool   `json:"passed"`
	Message string `json:"message,omitempty"`
}

// newReport turns a Result into a Report.
func newReport(ex *Exercise, file string, r Result, took time.Duration) Report {
	steps := r.Steps
	if steps == nil {
		steps = []Step{}
	}
	return Report{
		Exercise:      ex.Name,
		File:          file,
		Passed:        r.Passed,
		Message:       r.Message,
		Hint:          r.Hint,
		DurationS:     float64(took.Round(time.Millisecond)) / float64(time.Second),
		NetluaVersion: interp.Version,
		Steps:         steps,
	}
}

// Formats are the values --format takes.
var Formats = []string{"text", "json", "junit", "tap"}

// writeReports writes the reports of one `check` run in format. In JSON,
// one exercise's check is one object, and check --all an array.
func writeReports(w io.Writer, format string, reports []Report, all bool) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if !all {
			return enc.Encode(reports[0])
		}
		return enc.Encode(reports)
	case "junit":
		return writeJUnit(w, reports)
	case "tap":
		return writeTAP(w, reports)
	}
	return fmt.Errorf("unknown format %q", format)
}

// JUnit XML as CI services read it (GitHub, GitLab, Jenkins): one testsuite
// per exercise, one testcase per step, and a failure element with the
// message and the hint on the step that failed.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Time     float64      `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Time     float64     `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Time      float64       `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

func writeJUnit(w io.Writer, reports []Report) error {
	all := junitSuites{Name: "netlua exercises"}
	for _, r := range reports {
		suite := junitSuite{Name: r.Exercise, Time: r.DurationS}
		for _, s := range reportSteps(r) {
			c := junitCase{Name: s.Name, ClassName: r.Exercise}
			if !s.Passed {
				text := s.Message
				if r.Hint != "" {
					text += "\nhint: " + r.Hint
				}
				c.Failure = &junitFailure{Message: firstLine(s.Message), Text: text}
				suite.Failures++
			}
			suite.Cases = append(suite.Cases, c)
		}
		suite.Tests = len(suite.Cases)
		// The suite's time goes on its last case, so the sum is right.
		if n := len(suite.Cases); n > 0 {
			suite.Cases[n-1].Time = r.DurationS
		}
		all.Tests += suite.Tests
		all.Failures += suite.Failures
		all.Time += r.DurationS
		all.Suites = append(all.Suites, suite)
	}
	io.WriteString(w, xml.Header)
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(all); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// writeTAP writes TAP version 13: one test point per exercise, and the
// failure's message, hint and steps in a YAML block under a failed point.
func writeTAP(w io.Writer, reports []Report) error {
	fmt.Fprintf(w, "TAP version 13\n1..%d\n", len(reports))
	for i, r := range reports {
		if r.Passed {
			fmt.Fprintf(w, "ok %d - %s (%s)\n", i+1, r.Exercise, r.File)
			continue
		}
		fmt.Fprintf(w, "not ok %d - %s (%s)\n  ---\n", i+1, r.Exercise, r.File)
		fmt.Fprintf(w, "  message: %s\n", yamlString(r.Message))
		if r.Hint != "" {
			fmt.Fprintf(w, "  hint: %s\n", yamlString(r.Hint))
		}
		fmt.Fprintf(w, "  duration_s: %g\n", r.DurationS)
		if len(r.Steps) > 0 {
			io.WriteString(w, "  steps:\n")
			for _, s := range r.Steps {
				fmt.Fprintf(w, "    - name: %s\n      passed: %t\n", yamlString(s.Name), s.Passed)
			}
		}
		io.WriteString(w, "  ...\n")
	}
	return nil
}

// reportSteps are a report's steps, or one step standing for the whole
// check when the checker named none.
func reportSteps(r Report) []Step {
	if len(r.Steps) > 0 {
		return r.Steps
	}
	return []Step{{Name: "check", Passed: r.Passed, Message: r.Message}}
}

// yamlString quotes s for YAML: JSON's string syntax is valid YAML.
func yamlString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
