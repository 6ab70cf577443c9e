package exercise

import (
	"encoding/json"
	"os"
	"path/filepath"
)

// Statuses an exercise can have in the learner's state file.
const (
	NotStarted = "not started"
	Failing    = "failing"
	Passed     = "passed"
)

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

// loadState reads the status of every exercise touched so far; a missing file
// means nothing was started.
func loadState() (map[string]string, error) {
	path, err := statePath()
	if err != nil {
		return nil, err
	}
	state := map[string]string{}
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return state, nil
	}
	if err != nil {
		return nil, err
	}
	return state, json.Unmarshal(b, &state)
}

// setStatus records one exercise's status: the result of its last check.
func setStatus(ex *Exercise, status string) error {
	state, err := loadState()
	if err != nil {
		return err
	}
	state[ex.key()] = status
	path, _ := statePath()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	b, _ := json.MarshalIndent(state, "", "  ")
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func statusOf(state map[string]string, ex *Exercise) string {
	if s, ok := state[ex.key()]; ok {
		return s
	}
	return NotStarted
}
