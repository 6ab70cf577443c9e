package interp

// Suggest is the name among candidates nearest to name, as Python 3.12
// chooses the "Did you mean" of a NameError or AttributeError
// (Python/suggestions.c): the fewest edits, where inserting, deleting or
// substituting a character costs 2 and changing only its case costs 1, and
// no more than a third of the characters involved may change. Ties go to
// the earlier candidate. "" when none is near enough.
func Suggest(name string, candidates []string) string {
	best, bestCost := "", -1
	for _, c := range candidates {
		if c == name {
			continue
		}
		limit := (len(name) + len(c) + 3) * moveCost / 6
		if bestCost >= 0 && bestCost-1 < limit {
			limit = bestCost - 1
		}
		cost := editCost(name, c, limit)
		if cost > limit {
			continue
		}
		if best == "" || cost < bestCost {
			best, bestCost = c, cost
		}
	}
	return best
}

const (
	moveCost      = 2
	caseCost      = 1
	maxStringSize = 40
)

// substitutionCost is CPython's: characters differing only in case are
// nearer than others.
func substitutionCost(a, b byte) int {
	if a&31 != b&31 {
		return moveCost
	}
	if a == b {
		return 0
	}
	if 'A' <= a && a <= 'Z' {
		a += 'a' - 'A'
	}
	if 'A' <= b && b <= 'Z' {
		b += 'a' - 'A'
	}
	if a == b {
		return caseCost
	}
	return moveCost
}

// editCost is CPython's levenshtein_distance with its weights; above limit
// it returns limit+1 as soon as that is certain.
func editCost(a, b string, limit int) int {
	if a == b {
		return 0
	}
	for len(a) > 0 && len(b) > 0 && a[0] == b[0] {
		a, b = a[1:], b[1:]
	}
	for len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[len(b)-1] {
		a, b = a[:len(a)-1], b[:len(b)-1]
	}
	if len(a) == 0 || len(b) == 0 {
		return (len(a) + len(b)) * moveCost
	}
	if len(a) > maxStringSize || len(b) > maxStringSize {
		return limit + 1
	}
	if len(b) < len(a) {
		a, b = b, a
	}
	if (len(b)-len(a))*moveCost > limit {
		return limit + 1
	}
	row := make([]int, len(a))
	for i := range row {
		row[i] = (i + 1) * moveCost
	}
	result := 0
	for bi := 0; bi < len(b); bi++ {
		distance := bi * moveCost
		result = distance
		minimum := -1
		for ai := 0; ai < len(a); ai++ {
			substitute := distance + substitutionCost(b[bi], a[ai])
			distance = row[ai]
			result = min(min(result, distance)+moveCost, substitute)
			row[ai] = result
			if minimum < 0 || result < minimum {
				minimum = result
			}
		}
		if minimum > limit {
			return limit + 1
		}
	}
	return result
}
