package dss

// A project's execution defaults live in its settings document
// (dss-api.md §3.4): settings.codeEnvs.python and .r, each
// {mode, useBuiltinEnv, envName}, and settings.container
// {containerMode, containerConf} [V dataikuapi DSSProjectSettings
// set_python_code_env, set_r_code_env, set_container_exec_config]. Only
// these keys are modelled; everything else in settings (k8sCluster,
// cluster, what newer DSS versions add) stays in Extra, byte for byte.
//
// Every leaf is a pointer with omitempty, so that a key DSS left out stays
// out when the document is written back. A key DSS sent as JSON null is
// written back absent, which DSS reads the same way [I: DSS's Java
// deserialisation gives a missing and a null field the same null].

// ProjectSettingsBody is settings.settings.
type ProjectSettingsBody struct {
	CodeEnvs  *ProjectCodeEnvs          `json:"codeEnvs,omitempty"`
	Container *ProjectContainerSettings `json:"container,omitempty"`
	Extra     Extra                     `json:"-"`
}

func (d *ProjectSettingsBody) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d ProjectSettingsBody) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// ProjectCodeEnvs is settings.codeEnvs: the default env of each language.
type ProjectCodeEnvs struct {
	Python *CodeEnvSelection `json:"python,omitempty"`
	R      *CodeEnvSelection `json:"r,omitempty"`
	Extra  Extra             `json:"-"`
}

func (d *ProjectCodeEnvs) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d ProjectCodeEnvs) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// CodeEnvSelection is one language's default env: its mode (INHERIT,
// USE_BUILTIN_MODE, EXPLICIT_ENV), the legacy flag useBuiltinEnv and,
// for EXPLICIT_ENV, the env's name.
type CodeEnvSelection struct {
	Mode          *string `json:"mode,omitempty"`
	UseBuiltinEnv *bool   `json:"useBuiltinEnv,omitempty"`
	EnvName       *string `json:"envName,omitempty"`
	Extra         Extra   `json:"-"`
}

func (d *CodeEnvSelection) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d CodeEnvSelection) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// ProjectContainerSettings is settings.container: the default
// containerized execution (containerMode INHERIT, NONE or
// EXPLICIT_CONTAINER; containerConf, the config's name).
type ProjectContainerSettings struct {
	ContainerMode *string `json:"containerMode,omitempty"`
	ContainerConf *string `json:"containerConf,omitempty"`
	Extra         Extra   `json:"-"`
}

func (d *ProjectContainerSettings) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d ProjectContainerSettings) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// The modes DSS is known to use [V dataikuapi DSSProjectSettings; D doc
// "Code environments", "Containerized execution"]: the list is open,
// newer DSS versions may add more.
const (
	ModeInherit           = "INHERIT"
	CodeEnvModeBuiltin    = "USE_BUILTIN_MODE"
	CodeEnvModeExplicit   = "EXPLICIT_ENV"
	ContainerModeNone     = "NONE"
	ContainerModeExplicit = "EXPLICIT_CONTAINER"
)

// PythonEnv, REnv and ContainerDefault return the selection, creating the
// objects on the way when the document has none.
func (d *ProjectSettings) PythonEnv() *CodeEnvSelection {
	envs := d.codeEnvs()
	if envs.Python == nil {
		envs.Python = &CodeEnvSelection{}
	}
	return envs.Python
}

func (d *ProjectSettings) REnv() *CodeEnvSelection {
	envs := d.codeEnvs()
	if envs.R == nil {
		envs.R = &CodeEnvSelection{}
	}
	return envs.R
}

func (d *ProjectSettings) ContainerDefault() *ProjectContainerSettings {
	if d.Settings == nil {
		d.Settings = &ProjectSettingsBody{}
	}
	if d.Settings.Container == nil {
		d.Settings.Container = &ProjectContainerSettings{}
	}
	return d.Settings.Container
}

func (d *ProjectSettings) codeEnvs() *ProjectCodeEnvs {
	if d.Settings == nil {
		d.Settings = &ProjectSettingsBody{}
	}
	if d.Settings.CodeEnvs == nil {
		d.Settings.CodeEnvs = &ProjectCodeEnvs{}
	}
	return d.Settings.CodeEnvs
}

// Select writes a language's default as dataikuapi's set_python_code_env
// does [V]: USE_BUILTIN_MODE with useBuiltinEnv true, EXPLICIT_ENV with
// useBuiltinEnv false and the env's name. INHERIT, which the client never
// writes, sets useBuiltinEnv back to true, as a new project holds it [I:
// the shape DSS gives a new project; a false flag left next to INHERIT
// would be read as "use envName" by anything that still reads the legacy
// flag]; its envName is kept, as DSS's own settings page keeps it. Any
// other mode (a newer DSS's) is written alone. A selection that already
// holds the mode (and, for EXPLICIT_ENV, the name) is left as it is.
func (s *CodeEnvSelection) Select(mode, envName string) {
	if stringValue(s.Mode) == mode && (mode != CodeEnvModeExplicit || stringValue(s.EnvName) == envName) {
		return
	}
	s.Mode = &mode
	switch mode {
	case CodeEnvModeBuiltin, ModeInherit:
		t := true
		s.UseBuiltinEnv = &t
	case CodeEnvModeExplicit:
		f := false
		s.UseBuiltinEnv = &f
		s.EnvName = &envName
	}
}

// Select writes the container default as dataikuapi's
// set_container_exec_config does [V]: NONE alone, EXPLICIT_CONTAINER
// with the config's name; INHERIT (and any other mode) alone, the name
// kept.
func (s *ProjectContainerSettings) Select(mode, conf string) {
	if stringValue(s.ContainerMode) == mode && (mode != ContainerModeExplicit || stringValue(s.ContainerConf) == conf) {
		return
	}
	s.ContainerMode = &mode
	if mode == ContainerModeExplicit {
		s.ContainerConf = &conf
	}
}

// ModeOrInherit is a mode as DSS applies it: an absent mode is INHERIT,
// DSS's default for a project [I: a new project holds INHERIT].
func ModeOrInherit(mode *string) string {
	if mode == nil || *mode == "" {
		return ModeInherit
	}
	return *mode
}

// stringValue is *s, "" for nil.
func stringValue(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// ExecutionDefaultsInherited reports whether the project's three defaults
// are INHERIT (absent included): nothing a configuration would set, so
// listings and dss-adopt leave the project out.
func (d *ProjectSettings) ExecutionDefaultsInherited() bool {
	if d.Settings == nil {
		return true
	}
	modes := []*string{nil, nil, nil}
	if e := d.Settings.CodeEnvs; e != nil {
		if e.Python != nil {
			modes[0] = e.Python.Mode
		}
		if e.R != nil {
			modes[1] = e.R.Mode
		}
	}
	if d.Settings.Container != nil {
		modes[2] = d.Settings.Container.ContainerMode
	}
	for _, m := range modes {
		if ModeOrInherit(m) != ModeInherit {
			return false
		}
	}
	return true
}
