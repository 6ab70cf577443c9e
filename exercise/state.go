package exercise

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"netlua/internal/safefile"
)

// Statuses an exercise can have in the learner's state file.
const (
	NotStarted = "not started"
	Failing    = "failing"
	Passed     = "passed"
)

// A record is what the state file keeps of one exercise. A pass is kept
// once earned: checking a broken file later changes only Last, so the list
// still shows the exercise as passed, with the date.
type record struct {
	PassedAt string `json:"passed_at,omitempty"` // RFC 3339, the first pass
	Last     string `json:"last"`                // Passed or Failing: the last check
	LastAt   string `json:"last_at,omitempty"`
}

// status is the exercise's standing: passed once passed, else failing.
func (r record) status() string {
	if r.PassedAt != "" {
		return Passed
	}
	return r.Last
}

// statePath is where the learner's progress is kept: NETLUA_STATE_DIR (for
// tests and for a classroom's shared machines), else the XDG state folder.
func statePath() (string, error) {
	dir := os.Getenv("NETLUA_STATE_DIR")
	if dir == "" {
		dir = os.Getenv("XDG_STATE_HOME")
		if dir == "" {
			home, err := os.UserHomeDir()
			if err != nil {
				return "", err
			}
			dir = filepath.Join(home, ".local", "state")
		}
		dir = filepath.Join(dir, "netlua")
	}
	return filepath.Join(dir, "exercises.json"), nil
}

// maxStateFile bounds what is read as the state file: a few hundred
// records take a few dozen KiB.
const maxStateFile = 4 << 20

// loadState reads the record of every exercise touched so far; a missing
// file means nothing was started. Files written before records existed hold
// a status string per exercise, and still read. A file that is not valid
// state (cut short, edited by hand) is moved aside to PATH.corrupt, with a
// message on w, and progress starts afresh: one bad file must not stop
// `exercise list`. A link or anything but a regular file is refused.
func loadState(w io.Writer) (map[string]record, error) {
	path, err := statePath()
	if err != nil {
		return nil, err
	}
	b, err := safefile.Read(path, maxStateFile)
	if os.IsNotExist(err) {
		return map[string]record{}, nil
	}
	if err != nil {
		return nil, err
	}
	state, err := parseState(b)
	if err != nil {
		aside := path + ".corrupt"
		if rerr := os.Rename(path, aside); rerr != nil {
			return nil, fmt.Errorf("%s is damaged (%v) and cannot be moved aside: %v", path, err, rerr)
		}
		fmt.Fprintf(w, "netlua exercise: your progress file %s was damaged (%v); it was moved to %s and progress starts afresh\n", path, err, aside)
		return map[string]record{}, nil
	}
	return state, nil
}

// parseState reads the state file's JSON.
func parseState(b []byte) (map[string]record, error) {
	state := map[string]record{}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, err
	}
	for key, v := range raw {
		var old string
		if json.Unmarshal(v, &old) == nil {
			r := record{Last: old}
			if old == Passed {
				r.PassedAt = "earlier"
			}
			state[key] = r
			continue
		}
		var r record
		if err := json.Unmarshal(v, &r); err != nil {
			return nil, err
		}
		state[key] = r
	}
	return state, nil
}

// recordCheck records one check of an exercise at time now. The file is
// replaced, never written in place or through a link (safefile).
func recordCheck(w io.Writer, ex *Exercise, passed bool, now time.Time) error {
	state, err := loadState(w)
	if err != nil {
		return err
	}
	r := state[ex.key()]
	stamp := now.UTC().Format(time.RFC3339)
	r.Last, r.LastAt = Failing, stamp
	if passed {
		r.Last = Passed
		if r.PassedAt == "" {
			r.PassedAt = stamp
		}
	}
	state[ex.key()] = r
	path, _ := statePath()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	b, _ := json.MarshalIndent(state, "", "  ")
	return safefile.Write(path, append(b, '\n'), 0o644)
}

func recordOf(state map[string]record, ex *Exercise) (record, bool) {
	r, ok := state[ex.key()]
	return r, ok
}
