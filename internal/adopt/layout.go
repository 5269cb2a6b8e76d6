package adopt

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
)

// Layouts of the output: one root module, or one per project plus one for
// the instance, so that a large instance splits into workspaces a team can
// plan and apply in parallel (and a project's owners own its module).
const (
	layoutSingle     = "single"
	layoutPerProject = "per-project"
)

// instanceModuleDir and projectsDir name the per-project layout's folders.
const (
	instanceModuleDir = "instance"
	projectsDir       = "projects"
)

// module is one root module dss-adopt writes: its directory and the
// objects (adopted or not) whose import blocks or comments it holds.
type module struct {
	dir        string
	objects    []*object
	notVisible []string
}

// imports counts the module's objects that imports.tf imports (not those
// it lists as comments).
func (m module) imports() int {
	n := 0
	for _, o := range m.objects {
		if o.Skip == "" {
			n++
		}
	}
	return n
}

// layoutModules splits the objects into the layout's root modules, each
// keeping the objects' order. In per-project, the instance module holds
// the instance-level objects and the notes on what the key cannot see;
// it is written even when empty, so the layout is the same on every run.
func layoutModules(out, layout string, objects []*object, notVisible []string) ([]module, error) {
	if layout == layoutSingle {
		return []module{{dir: out, objects: objects, notVisible: notVisible}}, nil
	}
	instance := module{dir: filepath.Join(out, instanceModuleDir), notVisible: notVisible}
	byProject := map[string]*module{}
	for _, o := range objects {
		if o.Project == "" {
			instance.objects = append(instance.objects, o)
			continue
		}
		if !projectDirName(o.Project) {
			return nil, fmt.Errorf("project key %q cannot name a directory", o.Project)
		}
		m := byProject[o.Project]
		if m == nil {
			m = &module{}
			byProject[o.Project] = m
		}
		m.objects = append(m.objects, o)
	}
	modules := []module{instance}
	keys := make([]string, 0, len(byProject))
	for k := range byProject {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	dirs := projectDirs(keys)
	for _, k := range keys {
		byProject[k].dir = filepath.Join(out, projectsDir, dirs[k])
		modules = append(modules, *byProject[k])
	}
	return modules, nil
}

// projectDirs names each project's directory: its key, or, for keys that
// differ only in case (DSS tells SALES from sales), the key and a hash of
// it, so that no two modules share a directory on a file system that
// ignores case (macOS's and Windows's by default).
func projectDirs(keys []string) map[string]string {
	folded := map[string]int{}
	for _, k := range keys {
		folded[strings.ToLower(k)]++
	}
	dirs := make(map[string]string, len(keys))
	for _, k := range keys {
		dirs[k] = k
		if folded[strings.ToLower(k)] > 1 {
			dirs[k] = k + "_" + shortHash(k)
		}
	}
	return dirs
}

// projectDirName reports whether a project key is safe as a directory
// name: DSS's keys are letters, digits and underscores, but a directory
// must never climb out of the output.
func projectDirName(key string) bool {
	return key != "" && key != "." && key != ".." && !strings.ContainsAny(key, `/\`)
}

// moduleDirs lists the modules' directories relative to out.
func moduleDirs(out string, modules []module) string {
	dirs := make([]string, len(modules))
	for i, m := range modules {
		rel, err := filepath.Rel(out, m.dir)
		if err != nil {
			rel = m.dir
		}
		dirs[i] = rel
	}
	return strings.Join(dirs, ", ")
}

// moduleWord is where the next steps run: the output directory, or each
// of its root modules.
func moduleWord(out string, modules []module) string {
	if len(modules) == 1 {
		return modules[0].dir
	}
	return "each root module under " + out
}
