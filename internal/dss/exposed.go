package dss

// A project's settings document (GET/PUT /projects/{key}/settings,
// dss-api.md §3.4) is mostly opaque to the provider: only exposedObjects,
// the objects the project shares with other projects (dss-real-shapes.md,
// project settings), and the execution defaults in settings
// (execution_defaults.go) are modelled. Everything else stays in Extra.
//
// Flags DSS may omit (quickSharingEnabled, appearOnFlow: dataikuapi's
// add_exposed_object writes neither) are pointers, so that an entry the
// provider does not change is written back byte for byte, absent flags
// still absent.

// ProjectSettings is a project's settings document.
type ProjectSettings struct {
	Settings       *ProjectSettingsBody `json:"settings,omitempty"`
	ExposedObjects *ExposedObjects      `json:"exposedObjects,omitempty"`
	Extra          Extra                `json:"-"`
}

func (d *ProjectSettings) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d ProjectSettings) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// ExposedObjects is settings.exposedObjects.
type ExposedObjects struct {
	Objects []ExposedObject `json:"objects" dss:"nonnull"`
	Extra   Extra           `json:"-"`
}

func (d *ExposedObjects) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d ExposedObjects) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// ExposedObject is one shared object: its type (DATASET, MANAGED_FOLDER,
// SAVED_MODEL, …), its local name (a dataset's name, a folder's or
// model's id) and the projects it is shared with.
type ExposedObject struct {
	Type                string        `json:"type"`
	LocalName           string        `json:"localName"`
	QuickSharingEnabled *bool         `json:"quickSharingEnabled,omitempty"`
	Rules               []ExposedRule `json:"rules" dss:"nonnull"`
	Extra               Extra         `json:"-"`
}

func (d *ExposedObject) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d ExposedObject) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// ExposedRule shares an object with one target project.
type ExposedRule struct {
	TargetProject string `json:"targetProject"`
	AppearOnFlow  *bool  `json:"appearOnFlow,omitempty"`
	Extra         Extra  `json:"-"`
}

func (d *ExposedRule) UnmarshalJSON(b []byte) error { return decodeWithExtra(b, d) }
func (d ExposedRule) MarshalJSON() ([]byte, error)  { return encodeWithExtra(d) }

// FindExposed returns the index of the entry for (typ, localName), -1 when none.
func (d *ProjectSettings) FindExposed(typ, localName string) int {
	if d.ExposedObjects == nil {
		return -1
	}
	for i, o := range d.ExposedObjects.Objects {
		if o.Type == typ && o.LocalName == localName {
			return i
		}
	}
	return -1
}

// ProjectSettingsDoc is a project's settings document.
func ProjectSettingsDoc(key string) Document[ProjectSettings] {
	return DocumentAt[ProjectSettings](Path("projects", key, "settings"))
}
