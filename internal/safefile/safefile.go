// Package safefile reads and writes the small files netlua keeps for a user
// (the REPL's history, the exercises' progress) safely on a shared machine:
// a write goes to a temporary file created exclusively, under a random name,
// in the same folder, and is renamed over the target, so a reader never sees
// half a file and a symbolic link planted at the target, or at a guessable
// temporary name, is never written through or chmod-ed. A target that exists
// and is not a regular file (a link, a device, a folder) is refused.
package safefile

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// A NotRegularError is a target that exists and is not a regular file.
type NotRegularError struct {
	Path string
	Mode fs.FileMode
}

func (e *NotRegularError) Error() string {
	what := "not a regular file"
	switch {
	case e.Mode&fs.ModeSymlink != 0:
		what = "a symbolic link, not a regular file"
	case e.Mode.IsDir():
		what = "a folder, not a regular file"
	case e.Mode&fs.ModeDevice != 0:
		what = "a device, not a regular file"
	}
	return fmt.Sprintf("%s is %s", e.Path, what)
}

// CheckRegular returns a *NotRegularError if path exists and is not a
// regular file; nil if it is one or does not exist.
func CheckRegular(path string) error {
	st, err := os.Lstat(path)
	switch {
	case os.IsNotExist(err):
		return nil
	case err != nil:
		return err
	case !st.Mode().IsRegular():
		return &NotRegularError{Path: path, Mode: st.Mode()}
	}
	return nil
}

// Read returns the contents of the regular file at path, refusing anything
// else and anything larger than max bytes. A missing file is the error
// os.IsNotExist recognises.
func Read(path string, max int64) ([]byte, error) {
	before, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if !before.Mode().IsRegular() {
		return nil, &NotRegularError{Path: path, Mode: before.Mode()}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// What was opened must be what was checked: a link swapped in between
	// would be another file.
	if after, err := f.Stat(); err != nil || !os.SameFile(before, after) {
		return nil, fmt.Errorf("%s changed while it was opened", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s is larger than %d bytes", path, max)
	}
	return data, nil
}

// Write replaces the file at path with data, with permissions perm, through
// a temporary file in the same folder. The folder must exist.
func Write(path string, data []byte, perm fs.FileMode) error {
	if err := CheckRegular(path); err != nil {
		return err
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	// CreateTemp opens with O_CREATE|O_EXCL under a random name, mode 0600:
	// it never opens a file that is already there, a link included.
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(perm) // the new file's own mode: nothing else is touched
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
