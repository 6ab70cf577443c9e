package exercise

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// A Run is what one check varies: the seed of its random choices (payload
// sizes, values, the host), so that a value copied from one run fails the
// next, and --seed repeats a run exactly.
type Run struct {
	Seed int64
	Host string // the loopback address given to the script with --host
}

// NewRun makes a run from seed, or from a fresh seed when seed is 0.
func NewRun(seed int64) Run {
	if seed == 0 {
		seed = rand.Int64N(1_000_000_000) + 1
	}
	r := rand.New(rand.NewPCG(uint64(seed), 0x6e65746c7561))
	return Run{Seed: seed, Host: checkHost(r)}
}

// randomLoopback picks an address in 127.0.0.0/8 other than 127.0.0.1.
func randomLoopback(r *rand.Rand) string {
	return fmt.Sprintf("127.%d.%d.%d", r.IntN(256), r.IntN(256), 2+r.IntN(253))
}

// requirements reads the numbered list under task.md's "## Requirements"
// heading: the learner reads the same list the checker names in a failure.
func requirements(task string) []string {
	var list []string
	in := false
	for _, line := range strings.Split(task, "\n") {
		if strings.HasPrefix(line, "## ") {
			in = strings.HasPrefix(line, "## Requirements")
			continue
		}
		if !in {
			continue
		}
		n := 0
		for n < len(line) && line[n] >= '0' && line[n] <= '9' {
			n++
		}
		if n > 0 && strings.HasPrefix(line[n:], ". ") {
			list = append(list, strings.TrimSpace(line[n+2:]))
		} else if len(list) > 0 && strings.TrimSpace(line) != "" {
			list[len(list)-1] += " " + strings.TrimSpace(line)
		}
	}
	return list
}
