package interp

// MarkedTables is the number of tables with bytes marks (bytes.go), for
// the test that marks go with their tables.
func MarkedTables() int {
	bytesMarks.Lock()
	defer bytesMarks.Unlock()
	return len(bytesMarks.tables)
}
