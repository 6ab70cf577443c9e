package exercise

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// builtin is the exercise set that ships with netlua.
//
//go:embed exercises
var builtin embed.FS

// A Set is a folder of exercises, one sub-folder each (see README.md for the
// layout). The built-in set and a teacher's --dir set are read the same way.
type Set struct {
	FS  fs.FS
	Key string // prefix of the status keys: "" for the built-in set, the folder's absolute path otherwise
}

// BuiltinSet is the embedded set.
func BuiltinSet() *Set {
	sub, err := fs.Sub(builtin, "exercises")
	if err != nil {
		panic(err)
	}
	return &Set{FS: sub}
}

// DirSet is a teacher's set in a folder on disk.
func DirSet(dir string) (*Set, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(abs); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%s is not a folder of exercises", dir)
	}
	return &Set{FS: os.DirFS(abs), Key: abs + string(filepath.Separator)}, nil
}

// An Exercise is one folder of a set.
type Exercise struct {
	Name  string // the folder name, e.g. "02-echo-server"
	Title string // the first line of task.md without its '#'
	set   *Set
}

// Names sorts by folder name, so a teacher orders exercises with a number prefix.
func (s *Set) List() ([]*Exercise, error) {
	entries, err := fs.ReadDir(s.FS, ".")
	if err != nil {
		return nil, err
	}
	var list []*Exercise
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if _, err := fs.Stat(s.FS, e.Name()+"/checker.lua"); err != nil {
			continue // not an exercise: a teacher's notes folder, say
		}
		ex := &Exercise{Name: e.Name(), set: s}
		ex.Title = ex.title()
		list = append(list, ex)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name })
	return list, nil
}

// Find looks an exercise up by its folder name, or by that name without its
// number prefix ("echo-server" for "02-echo-server").
func (s *Set) Find(name string) (*Exercise, error) {
	list, err := s.List()
	if err != nil {
		return nil, err
	}
	for _, ex := range list {
		if ex.Name == name || ex.ShortName() == name {
			return ex, nil
		}
	}
	return nil, fmt.Errorf("no exercise named %q (netlua exercise list shows them)", name)
}

// ShortName is the name without its number prefix: the starter's file name.
func (ex *Exercise) ShortName() string { return shortName(ex.Name) }

func shortName(name string) string {
	if i := strings.IndexByte(name, '-'); i > 0 && strings.Trim(name[:i], "0123456789") == "" {
		return name[i+1:]
	}
	return name
}

// File reads one file of the exercise's folder ("task.md", "checker.lua"...).
func (ex *Exercise) File(name string) (string, error) {
	b, err := fs.ReadFile(ex.set.FS, ex.Name+"/"+name)
	return string(b), err
}

func (ex *Exercise) title() string {
	task, err := ex.File("task.md")
	if err != nil {
		return ""
	}
	line, _, _ := strings.Cut(task, "\n")
	return strings.TrimSpace(strings.TrimLeft(line, "#"))
}

func (ex *Exercise) key() string { return ex.set.Key + ex.Name }
